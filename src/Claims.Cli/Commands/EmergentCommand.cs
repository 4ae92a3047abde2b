using System.CommandLine;
using System.Globalization;
using Claims.Cli.Output;
using Claims.Training.Evaluation;

namespace Claims.Cli.Commands;

/// <summary><c>claims emergent</c>: the stance head on the Emergent headlines it was never trained on.</summary>
internal static class EmergentCommand
{
    /// <summary>Where the benchmark lies beside a clone, as in CI: <c>../shared/benchmarks/emergent</c>.</summary>
    public const string DefaultTestSplit = "../shared/benchmarks/emergent/url-versions-2015-06-14-clean-test.csv";

    public static Command Create()
    {
        var path = new Option<string>("--data") { Description = "The Emergent CSV (articleHeadline, articleHeadlineStance).", DefaultValueFactory = _ => CommonOptions.FindUpwards(DefaultTestSplit) };
        var model = CommonOptions.Model();
        var profile = CommonOptions.Profile();
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on standard output." };
        var command = new Command("emergent", "Evaluate the stance head zero-shot on the Emergent benchmark headlines (support=for, deny=against, others=observing).") { path, model, profile, json };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetRequiredValue(path), CommonOptions.ModelDirectory(result.GetValue(model), result.GetRequiredValue(profile)), result.GetValue(json), result.InvocationConfiguration.Output, cancellationToken)));
        return command;
    }

    private static int Run(string path, string modelDirectory, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (headlines, metrics) = EmergentBenchmark.Evaluate(modelDirectory, path, cancellationToken);
        if (json)
        {
            ReportPrinter.PrintJson(output, new { n = headlines, stance = metrics });
            return ExitCodes.Success;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Emergent ({path}, {headlines} headlines) scored by {modelDirectory}"));
        ReportPrinter.PrintHead(output, "stance (mapped)", metrics);
        return ExitCodes.Success;
    }
}
