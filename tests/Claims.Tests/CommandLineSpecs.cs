using System.Text.Json;
using Claims.Cli;

namespace Claims.Tests;

[Collection(nameof(SmallModelCollection))]
public sealed class CommandLineSpecs(SmallModelFixture fixture)
{
    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.InvokeAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Score_writes_one_json_line_per_sentence_with_every_field()
    {
        using var dir = new TempDirectory();
        var article = dir.File("a.txt", "Ten soldiers were killed. The ministry declined to comment.");

        var (exitCode, output, _) = await Run("score", article, "--model", fixture.ModelDirectory);

        Assert.Equal(0, exitCode);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            ["article", "index", "start", "end", "text", "claim_type", "claim_type_confidence", "stance", "stance_confidence", "uncertain", "probabilities"],
            rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal((article, 1, 26, 59, "The ministry declined to comment."), (rows[1].GetProperty("article").GetString(), rows[1].GetProperty("index").GetInt32(), rows[1].GetProperty("start").GetInt32(), rows[1].GetProperty("end").GetInt32(), rows[1].GetProperty("text").GetString()));
        Assert.Equal(5, rows[0].GetProperty("probabilities").GetProperty("claim_type").EnumerateObject().Count());
        Assert.Equal(5, rows[0].GetProperty("probabilities").GetProperty("stance").EnumerateObject().Count());
    }

    [Fact]
    public async Task Score_reports_a_missing_file_and_still_scores_the_rest()
    {
        using var dir = new TempDirectory();
        dir.File("folder/one.txt", "One sentence.");
        dir.File("folder/deeper/two.txt", "Another sentence.\nAnd a line.");
        var missing = Path.Combine(dir.Path, "missing.txt");

        var (exitCode, output, error) = await Run("score", Path.Combine(dir.Path, "folder"), missing, "--model", fixture.ModelDirectory, "--format", "csv");

        Assert.Equal(1, exitCode);
        Assert.Contains(missing, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("article,index,start,end,text,claim_type,claim_type_confidence,stance,stance_confidence,uncertain,p_casualty_claim", lines[0]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Score_with_a_missing_model_says_which_file_is_missing()
    {
        using var dir = new TempDirectory();

        var (exitCode, _, error) = await Run("score", dir.File("a.txt", "Text."), "--model", dir.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains(Path.Combine(dir.Path, "manifest.json"), error);
    }

    [Fact]
    public async Task Evaluate_with_json_prints_exactly_one_json_object()
    {
        var (exitCode, output, _) = await Run("evaluate", "--data", Repository.Path("training-data", "seeds.csv"), "--model", fixture.ModelDirectory, "--json");

        Assert.Equal(0, exitCode);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(fixture.Sentences.Count, report.GetProperty("n").GetInt32());
        foreach (var head in new[] { "claim_type", "stance" })
        {
            var metrics = report.GetProperty(head);
            Assert.InRange(metrics.GetProperty("accuracy").GetDouble(), 0, 1);
            Assert.InRange(metrics.GetProperty("macro_f1").GetDouble(), 0, 1);
            Assert.Equal(5, metrics.GetProperty("per_label").EnumerateObject().Count());
            Assert.Equal(5, metrics.GetProperty("confusion").EnumerateObject().Count());
        }
    }

    [Fact]
    public async Task Evaluate_names_the_file_and_line_of_a_bad_label()
    {
        using var dir = new TempDirectory();
        var data = dir.File("bad.csv", "id,text,claim_type,stance\n1,Text.,other,neutral\n2,Text two.,other,maybe\n");

        var (exitCode, _, error) = await Run("evaluate", "--data", data, "--model", fixture.ModelDirectory);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{data}:3: unknown stance 'maybe'", error);
    }
}
