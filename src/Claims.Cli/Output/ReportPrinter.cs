using System.Globalization;
using System.Text.Json;
using Claims.Inference;
using Claims.Training.Evaluation;

namespace Claims.Cli.Output;

/// <summary>Prints evaluation reports as tables for people or as one JSON object for scripts.</summary>
internal static class ReportPrinter
{
    public static void PrintJson(TextWriter output, object report) =>
        output.WriteLine(JsonSerializer.Serialize(report, ModelManifest.JsonOptions));

    public static void PrintTable(TextWriter output, string title, EvaluationReport report)
    {
        output.WriteLine($"== {title} ({report.N} sentences)");
        PrintHead(output, "claim_type", report.ClaimType);
        PrintHead(output, "stance", report.Stance);
    }

    public static void PrintSummaryLine(TextWriter output, string name, EvaluationReport report) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} n={report.N,5}  claim_type acc={report.ClaimType.Accuracy:0.000} macroF1={report.ClaimType.MacroF1:0.000}  stance acc={report.Stance.Accuracy:0.000} macroF1={report.Stance.MacroF1:0.000}"));

    public static void PrintHead(TextWriter output, string head, ClassificationMetrics metrics)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{head}: accuracy {metrics.Accuracy:0.000}, macro-F1 {metrics.MacroF1:0.000}"));
        output.WriteLine($"  {"label",-22}{"precision",10}{"recall",10}{"f1",10}{"support",9}");
        foreach (var (label, m) in metrics.PerLabel)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-22}{m.Precision,10:0.000}{m.Recall,10:0.000}{m.F1,10:0.000}{m.Support,9}"));
        }

        var labels = metrics.Confusion.Keys.ToList();
        output.WriteLine($"  confusion (rows gold, columns predicted): {string.Join(" ", labels.Select(Short))}");
        foreach (var gold in labels)
        {
            output.WriteLine($"  {gold,-22}" + string.Concat(labels.Select(p => $"{metrics.Confusion[gold][p],6}")));
        }
    }

    private static string Short(string label) => label.Length <= 5 ? label : label[..5];
}
