using System.CommandLine;
using Claims.Training.Corrections;
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
        var corrections = new Option<string[]>("--corrections") { Description = "Corrected label files (such as a review file): retrain with them behind the regression gate.", AllowMultipleArgumentsPerToken = true };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "With --corrections: leave out bad rows (listed) instead of stopping." };
        var force = new Option<bool>("--force") { Description = "With --corrections: accept the candidate even if a number dropped (recorded in the manifest)." };
        var tolerance = new Option<double>("--tolerance") { Description = "With --corrections: how far a macro-F1 may drop.", DefaultValueFactory = _ => Retraining.DefaultTolerance };
        var delimiter = new Option<string?>("--delimiter") { Description = "With --corrections: the field separator of the files: one character, or 'tab' (default: detect , ; tab |)." };
        delimiter.Validators.Add(r =>
        {
            if (r.GetValue(delimiter) is { } d && d != "tab" && d.Length != 1)
            {
                r.AddError($"--delimiter takes one character or 'tab', not '{d}'.");
            }
        });
        var command = new Command("train", "Train the claim-type and stance heads on the labeled data and export them to ONNX; with --corrections, retrain on corrected labels behind a regression gate.")
        {
            data, profile, output, skipEvaluation, corrections, skipInvalid, force, tolerance, delimiter,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var files = result.GetValue(corrections) ?? [];
            var args = (Data: result.GetRequiredValue(data), Profile: result.GetRequiredValue(profile), Models: result.GetRequiredValue(output));
            return Task.FromResult(files.Length == 0
                ? Run(args.Data, args.Profile, args.Models, result.GetValue(skipEvaluation), result.InvocationConfiguration.Output, cancellationToken)
                : Retrain(args.Data, args.Profile == "all" ? "default" : args.Profile, args.Models, files, result.GetValue(delimiter) switch { null => null, "tab" => '\t', var d => d[0] }, result.GetValue(skipInvalid), result.GetValue(force), result.GetValue(tolerance), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        });
        return command;
    }

    private static int Retrain(string dataDirectory, string profile, string modelsDirectory, string[] files, char? delimiter, bool skipInvalid, bool force, double tolerance, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // 1. Validate every correction; nothing trains on bad rows unless the user says to leave them out.
        var corrections = CorrectionSet.Load(files, delimiter);
        foreach (var problem in corrections.Problems)
        {
            error.WriteLine(problem);
        }

        if (corrections.Problems.Count > 0 && !skipInvalid)
        {
            error.WriteLine($"{corrections.Problems.Count} problem(s) in the corrections; fix them, or pass --skip-invalid to leave those rows out.");
            return ExitCodes.InvalidInput;
        }

        if (corrections.Sentences.Count == 0)
        {
            error.WriteLine("No valid corrections to train on.");
            return ExitCodes.InvalidInput;
        }

        // 2. Keep them with the training data, so that later trainings include them.
        var kept = Path.Combine(dataDirectory, TrainingData.CorrectionsFolder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
        corrections.Save(kept);
        output.WriteLine($"{corrections.Sentences.Count} corrections from {string.Join(", ", files)} kept in {kept}{(corrections.Problems.Count > 0 ? $"; {corrections.Problems.Count} bad row(s) left out" : "")}.");

        // 3. Retrain and let the gate decide.
        var data = TrainingData.Load(dataDirectory);
        var options = CommonOptions.Profiles[profile];
        var registry = new ModelRegistry(modelsDirectory, profile);
        var outcome = Retraining.Run(
            data, kept, registry, options, CommonOptions.Embeddings(options), CommonOptions.FindUpwards(EmergentCommand.DefaultTestSplit),
            tolerance, force, files, $"claims train --profile {profile} --corrections {string.Join(' ', files)}{(force ? " --force" : "")}", output, cancellationToken);
        foreach (var (metric, value) in outcome.Before)
        {
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {metric,-30} {value:0.000} -> {outcome.After[metric]:0.000}"));
        }

        if (outcome.Accepted)
        {
            output.WriteLine($"Accepted{(outcome.Drops.Count > 0 ? " (forced)" : "")}: {registry.Current} is now version {Path.GetFileName(outcome.CandidateDirectory)}; 'claims models use' rolls back.");
            return ExitCodes.Success;
        }

        // A refused candidate's corrections are not kept: they would pull every later training down too.
        File.Delete(kept);
        error.WriteLine($"Refused: {string.Join("; ", outcome.Drops)}. The current model stays; the candidate is in {outcome.CandidateDirectory}. --force overrides.");
        return ExitCodes.SomeInputFailed;
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
