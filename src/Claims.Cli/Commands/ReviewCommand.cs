using System.CommandLine;
using Claims.Training.Corrections;

namespace Claims.Cli.Commands;

/// <summary><c>claims review PATH... --out review.csv</c>: the least certain sentences, pre-labeled, for a person to correct.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Article .txt files, folders (searched recursively) or - for standard input." };
        var output = new Option<string>("--out") { Description = "The review CSV to write.", Required = true };
        var top = new Option<int>("--top") { Description = "How many sentences to put up for review.", DefaultValueFactory = _ => 50 };
        var bom = new Option<bool>("--bom") { Description = "Start the file with a UTF-8 byte order mark (helps some spreadsheets detect UTF-8)." };
        var model = CommonOptions.Model();
        var profile = CommonOptions.Profile();
        var command = new Command("review", "Score articles and write the sentences the model is least sure of, with its labels pre-filled, for correction.") { paths, output, top, bom, model, profile };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetRequiredValue(paths), result.GetRequiredValue(output), result.GetValue(top), result.GetValue(bom),
            CommonOptions.ModelDirectory(result.GetValue(model), result.GetRequiredValue(profile)), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken)));
        return command;
    }

    private static int Run(string[] paths, string output, int top, bool bom, string modelDirectory, TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        using var classifier = CommonOptions.LoadClassifier(modelDirectory);
        var failures = 0;
        var scored = ArticleInput.ReadAll(paths, Console.In, message => { failures++; error.WriteLine(message); })
            .SelectMany(article => classifier.ClassifyArticle(article.Text, article.Id, cancellationToken))
            .ToList();
        var rows = ReviewQueue.Select(scored, top);
        ReviewQueue.Write(output, rows, bom);
        stdout.WriteLine($"Wrote the {rows.Count} least certain of {scored.Count} sentences to {output}. Correct claim_type and stance in place, then: claims train --corrections {output}");
        return failures == 0 ? ExitCodes.Success : ExitCodes.SomeInputFailed;
    }
}
