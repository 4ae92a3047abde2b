using System.CommandLine;
using Claims.Training.Data;
using Claims.Training.Modeling;

namespace Claims.Cli.Commands;

/// <summary><c>claims train</c>: trains both heads on the data folder and writes a model folder.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var profile = CommonOptions.Profile("all");
        profile.DefaultValueFactory = _ => "all";
        var output = new Option<string>("--out") { Description = "The folder under which each profile's model folder is written.", DefaultValueFactory = _ => CommonOptions.FindUpwards("models") };
        var skipEvaluation = new Option<bool>("--skip-evaluation") { Description = "Do not run the held-out evaluations for the model card (faster)." };
        var command = new Command("train", "Train the claim-type and stance heads on the labeled data and export them to ONNX.") { data, profile, output, skipEvaluation };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetRequiredValue(data), result.GetRequiredValue(profile), result.GetRequiredValue(output), result.GetValue(skipEvaluation), result.InvocationConfiguration.Output, cancellationToken)));
        return command;
    }

    private static int Run(string dataDirectory, string profile, string modelsDirectory, bool skipEvaluation, TextWriter output, CancellationToken cancellationToken)
    {
        var data = TrainingData.Load(dataDirectory);
        output.WriteLine($"Read {data.Sentences.Count} labeled sentences from {data.Files.Count} file(s) in {dataDirectory} (sha256 {data.Sha256[..12]}).");
        EmbeddingCache? embeddings = null;
        foreach (var (name, options) in CommonOptions.Profiles.Where(p => profile == "all" || p.Key == profile))
        {
            output.WriteLine($"Profile {name}: {options.Features}, {options.Algorithm}");
            embeddings ??= CommonOptions.Embeddings(options);
            var directory = Path.Combine(modelsDirectory, name);
            ModelBuilder.Build(data, name, options, embeddings, directory, CommonOptions.FindUpwards(EmergentCommand.DefaultTestSplit), !skipEvaluation, output, cancellationToken);
            output.WriteLine($"Wrote the {name} model to {directory}.");
        }

        return ExitCodes.Success;
    }
}
