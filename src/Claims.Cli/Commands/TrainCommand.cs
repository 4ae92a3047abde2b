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
        var output = new Option<string>("--out") { Description = "The model folder to write.", DefaultValueFactory = _ => CommonOptions.FindUpwards(CommonOptions.DefaultModelDirectory) };
        var skipEvaluation = new Option<bool>("--skip-evaluation") { Description = "Do not run the held-out evaluations for the model card (faster)." };
        var command = new Command("train", "Train the claim-type and stance heads on the labeled data and export them to ONNX.") { data, output, skipEvaluation };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetRequiredValue(data), result.GetRequiredValue(output), result.GetValue(skipEvaluation), result.InvocationConfiguration.Output, cancellationToken)));
        return command;
    }

    private static int Run(string dataDirectory, string outputDirectory, bool skipEvaluation, TextWriter output, CancellationToken cancellationToken)
    {
        // 1. Load the labeled data.
        var data = TrainingData.Load(dataDirectory);
        output.WriteLine($"Read {data.Sentences.Count} labeled sentences from {data.Files.Count} file(s) in {dataDirectory} (sha256 {data.Sha256[..12]}).");

        // 2. Measure on held-out data what training on this data gives.
        var metrics = new Dictionary<string, EvaluationSummary>();
        if (!skipEvaluation)
        {
            var (seeds, _) = CrossValidation.LeaveOneArticleOut(data, cancellationToken: cancellationToken);
            ReportPrinter.PrintSummaryLine(output, "seeds, leave one article out", seeds);
            metrics["seeds_leave_one_article_out"] = seeds.Summary("claims crossval");
            if (data.Sentences.Count > data.Seeds.Count)
            {
                var (grouped, _) = CrossValidation.GroupedKFold(data, cancellationToken: cancellationToken);
                ReportPrinter.PrintSummaryLine(output, "authored data, grouped 5-fold", grouped);
                metrics["authored_grouped_5_fold"] = grouped.Summary("claims crossval");
            }
        }

        // 3. Train on all of it and export.
        var model = ClaimModel.Train(data.Sentences, cancellationToken: cancellationToken);
        model.Export(outputDirectory, data.Sha256, metrics, $"claims train --data {dataDirectory} --out {outputDirectory}");
        output.WriteLine($"Wrote the model to {outputDirectory}.");
        return ExitCodes.Success;
    }
}
