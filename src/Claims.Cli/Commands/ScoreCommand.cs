using System.CommandLine;
using Claims.Cli.Output;
using Claims.Inference;

namespace Claims.Cli.Commands;

/// <summary><c>claims score PATH...</c>: labels every sentence of the given articles.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Article .txt files, folders (searched recursively) or - for standard input." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var model = CommonOptions.Model();
        var profile = CommonOptions.Profile();
        var command = new Command("score", "Split articles into sentences and label each with a claim type and a stance.") { paths, format, model, profile };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetRequiredValue(paths), result.GetRequiredValue(format), CommonOptions.ModelDirectory(result.GetValue(model), result.GetRequiredValue(profile)), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken)));
        return command;
    }

    private static int Run(string[] paths, string format, string modelDirectory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var classifier = CommonOptions.LoadClassifier(modelDirectory);
        using var writer = PredictionWriter.Create(format, output);
        var failures = 0;
        foreach (var (id, text) in ArticleInput.ReadAll(paths, Console.In, message => { failures++; error.WriteLine(message); }))
        {
            foreach (var scored in classifier.ClassifyArticle(text, id, cancellationToken))
            {
                writer.Write(id, scored);
            }
        }

        return failures == 0 ? ExitCodes.Success : ExitCodes.SomeInputFailed;
    }
}
