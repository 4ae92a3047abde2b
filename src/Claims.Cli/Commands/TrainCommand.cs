using System.CommandLine;
using Claims.Cli.Output;
using Claims.Inference;
using Claims.Training.Data;
using Claims.Training.Evaluation;
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
        // 1. Load the labeled data.
        var data = TrainingData.Load(dataDirectory);
        output.WriteLine($"Read {data.Sentences.Count} labeled sentences from {data.Files.Count} file(s) in {dataDirectory} (sha256 {data.Sha256[..12]}).");
        EmbeddingCache? embeddings = null;
        foreach (var (name, options) in CommonOptions.Profiles.Where(p => profile == "all" || p.Key == profile))
        {
            output.WriteLine($"Profile {name}: {options.Features}, {options.Algorithm}");
            embeddings ??= CommonOptions.Embeddings(options);

            // 2. Measure on held-out data what training on this data gives.
            var metrics = new Dictionary<string, EvaluationSummary>();
            if (!skipEvaluation)
            {
                var (seeds, _) = CrossValidation.LeaveOneArticleOut(data, options, embeddings, cancellationToken: cancellationToken);
                ReportPrinter.PrintSummaryLine(output, "seeds, leave one article out", seeds);
                metrics["seeds_leave_one_article_out"] = seeds.Summary($"claims crossval --profile {name}");
                if (data.Sentences.Count > data.Seeds.Count)
                {
                    var (grouped, _) = CrossValidation.GroupedKFold(data, options: options, embeddings: embeddings, cancellationToken: cancellationToken);
                    ReportPrinter.PrintSummaryLine(output, "authored data, grouped 5-fold", grouped);
                    metrics["authored_grouped_5_fold"] = grouped.Summary($"claims crossval --profile {name}");
                }
            }

            // 3. Train on all of it and export.
            var directory = Path.Combine(modelsDirectory, name);
            var model = ClaimModel.Train(data.Sentences, options, embeddings, cancellationToken);
            model.Export(directory, data.Sha256, metrics, $"claims train --profile {name}");
            output.WriteLine($"Wrote the {name} model to {directory}.");
        }

        return ExitCodes.Success;
    }
}
