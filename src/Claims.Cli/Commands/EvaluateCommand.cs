using System.CommandLine;
using Claims.Cli.Output;
using Claims.Training.Data;
using Claims.Training.Evaluation;

namespace Claims.Cli.Commands;

/// <summary><c>claims evaluate --data FILE.csv</c>: scores labeled sentences with a shipped (ONNX) model.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A labeled CSV file (id,text,claim_type,stance).", Required = true };
        var model = CommonOptions.Model();
        var profile = CommonOptions.Profile();
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on standard output." };
        var command = new Command("evaluate", "Score labeled sentences with a model and report accuracy, macro-F1, per-label scores and confusion matrices.") { data, model, profile, json };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetRequiredValue(data), CommonOptions.ModelDirectory(result.GetValue(model), result.GetRequiredValue(profile)), result.GetValue(json), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken)));
        return command;
    }

    private static int Run(string dataFile, string modelDirectory, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (sentences, problems) = LabeledSentenceReader.ReadFile(dataFile);
        if (problems.Count > 0)
        {
            throw new InvalidDataFileException(problems);
        }

        using var classifier = CommonOptions.LoadClassifier(modelDirectory);
        var predictions = classifier.Classify(sentences.Select(s => s.Text), cancellationToken);
        var report = EvaluationReport.Compute(sentences, predictions);
        if (json)
        {
            ReportPrinter.PrintJson(output, report);
        }
        else
        {
            ReportPrinter.PrintTable(output, $"{dataFile} scored by {modelDirectory}", report);
        }

        return ExitCodes.Success;
    }
}
