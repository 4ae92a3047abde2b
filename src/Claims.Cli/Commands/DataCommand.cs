using System.CommandLine;
using Claims.Inference;
using Claims.Training.Data;

namespace Claims.Cli.Commands;

/// <summary><c>claims data check [DIR]</c>: validates the labeled data and prints its label table.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "The data folder.", DefaultValueFactory = _ => CommonOptions.FindUpwards(CommonOptions.DefaultDataDirectory) };
        var noMinimums = new Option<bool>("--no-minimums") { Description = "Check rows only, not the label minimums of the project's data." };
        var check = new Command("check", "Validate every CSV: header, labels, unique ids, no empty text, no (near) duplicates, no seed sentence in authored files, label minimums.") { directory, noMinimums };
        check.SetAction(result => Check(result.GetRequiredValue(directory), result.GetValue(noMinimums), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return new Command("data", "Work with the labeled training data.") { check };
    }

    private static int Check(string directory, bool noMinimums, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"error: {directory}: no such folder");
            return ExitCodes.InvalidInput;
        }

        var (sentences, problems) = DataCheck.Run(directory, noMinimums ? DataMinimums.None : DataMinimums.Project);
        PrintLabelTable(output, directory, sentences);
        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }

        output.WriteLine(problems.Count == 0 ? "data check passed" : $"data check failed: {problems.Count} problem(s)");
        return problems.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static void PrintLabelTable(TextWriter output, string directory, IReadOnlyList<LabeledSentence> sentences)
    {
        var columns = Labels.ClaimTypes.Select(c => c.Name()).Concat(Labels.Stances.Select(s => s.Name())).ToList();
        output.WriteLine($"| file | sentences | {string.Join(" | ", columns)} |");
        output.WriteLine($"|---|---:|{string.Concat(columns.Select(_ => "---:|"))}");
        var rows = sentences.GroupBy(s => Path.GetRelativePath(directory, s.Location.File).Replace('\\', '/'))
            .Select(g => (Name: g.Key, Sentences: g.ToList()))
            .Append(("all", sentences.ToList()));
        foreach (var (name, group) in rows)
        {
            var counts = Labels.ClaimTypes.Select(c => group.Count(s => s.ClaimType == c))
                .Concat(Labels.Stances.Select(st => group.Count(s => s.Stance == st)));
            output.WriteLine($"| {name} | {group.Count} | {string.Join(" | ", counts)} |");
        }
    }
}
