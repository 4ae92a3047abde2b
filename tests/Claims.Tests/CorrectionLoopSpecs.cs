using System.Text;
using Claims.Cli;
using Claims.Inference;
using Claims.Training.Corrections;
using Claims.Training.Data;

namespace Claims.Tests;

public sealed class CorrectionLoopSpecs
{
    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.InvokeAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static TempDirectory SmallProject()
    {
        // The seeds and the first 300 rows of one authored file: enough for folds, small enough to train fast.
        var project = new TempDirectory();
        File.Copy(Repository.Path("training-data", TrainingData.SeedFileName), Path.Combine(project.Path, "data", TrainingData.SeedFileName).Also(p => Directory.CreateDirectory(Path.GetDirectoryName(p)!)));
        var authored = File.ReadAllLines(Repository.Path("training-data", "authored", "middle-east.csv"));
        File.WriteAllLines(Path.Combine(project.Path, "data", "authored.csv"), authored.Take(301));
        return project;
    }

    [Fact]
    public async Task Review_then_corrected_retrain_then_a_bad_correction_set_is_refused_and_rollback_works()
    {
        using var project = SmallProject();
        var data = Path.Combine(project.Path, "data");
        var models = Path.Combine(project.Path, "models");
        Assert.Equal(0, (await Run("train", "--data", data, "--out", models, "--profile", "fast", "--skip-evaluation")).ExitCode);
        var firstVersion = ModelManifest.Load(Path.Combine(models, "fast")).Version;

        // 1. Review: the least certain sentences of a new article, pre-labeled.
        var article = project.File("new/article.txt", "=SUM(A1) was typed by a vandal.\nRebels said 40 fighters had been captured near the dam. The army rejected the figure as propaganda.\nThe ministry declined to comment.");
        var review = Path.Combine(project.Path, "review.csv");
        var (reviewExit, _, _) = await Run("review", article, "--out", review, "--top", "10", "--model", Path.Combine(models, "fast"), "--bom");
        Assert.Equal(0, reviewExit);
        var lines = File.ReadAllLines(review, Encoding.UTF8);
        Assert.Equal("id,text,claim_type,stance,source,claim_type_confidence,stance_confidence,note", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"'=SUM(A1) was typed by a vandal.\""));

        // 2. The user corrects labels in place (here: every row, to what the guide says).
        var corrected = new Dictionary<string, (string ClaimType, string Stance)>
        {
            ["=SUM(A1) was typed by a vandal."] = ("other", "support"),
            ["Rebels said 40 fighters had been captured near the dam."] = ("casualty_claim", "report"),
            ["The army rejected the figure as propaganda."] = ("other", "deny"),
            ["The ministry declined to comment."] = ("diplomatic_statement", "neutral"),
        };
        var rows = CorrectionSet.Load([review]).Sentences;
        Assert.Equal(4, rows.Count);
        LabeledSentenceWriter.Write(review, rows.Select(r => r with { ClaimType = Parse(corrected[r.Text].ClaimType), Stance = ParseStance(corrected[r.Text].Stance) }));

        // 3. Retrain with the corrections: they are kept, the gate accepts, the corrected sentences get their labels.
        var (acceptExit, acceptOut, acceptErr) = await Run("train", "--data", data, "--out", models, "--profile", "fast", "--corrections", review);
        Assert.True(acceptExit == 0, acceptOut + acceptErr);
        var current = ModelManifest.Load(Path.Combine(models, "fast"));
        Assert.Equal(firstVersion, current.ParentVersion);
        Assert.Single(Directory.GetFiles(Path.Combine(data, TrainingData.CorrectionsFolder)));
        using (var classifier = ClaimClassifier.Load(Path.Combine(models, "fast")))
        {
            foreach (var (text, (claimType, stance)) in corrected)
            {
                var p = classifier.Classify(text);
                Assert.Equal((claimType, stance), (p.ClaimType.Name(), p.Stance.Name()));
            }
        }

        // 4. A deliberately bad set (every authored sentence relabeled other/neutral) is refused by the gate.
        var bad = Path.Combine(project.Path, "bad.csv");
        var authored = LabeledSentenceReader.ReadFile(Path.Combine(data, "authored.csv")).Sentences;
        LabeledSentenceWriter.Write(bad, authored.Select(s => s with { Id = "bad-" + s.Id, ClaimType = ClaimType.Other, Stance = Stance.Neutral }));
        var (refuseExit, _, refuseErr) = await Run("train", "--data", data, "--out", models, "--profile", "fast", "--corrections", bad);
        Assert.Equal(1, refuseExit);
        Assert.Contains("dropped by", refuseErr);
        Assert.Equal(current.Version, ModelManifest.Load(Path.Combine(models, "fast")).Version);
        Assert.Single(Directory.GetFiles(Path.Combine(data, TrainingData.CorrectionsFolder)));
        Assert.Single(Directory.GetDirectories(Path.Combine(models, "candidates")));

        // 5. The history lists both accepted versions, and rollback restores the first.
        var (_, list, _) = await Run("models", "list", "--models", models, "--profile", "fast");
        Assert.Contains(firstVersion, list);
        Assert.Contains($"* {current.Version}", list);
        Assert.Equal(0, (await Run("models", "use", firstVersion, "--models", models, "--profile", "fast")).ExitCode);
        Assert.Equal(firstVersion, ModelManifest.Load(Path.Combine(models, "fast")).Version);
    }

    [Fact]
    public async Task Corrections_with_problems_train_nothing_unless_told_to_skip_them()
    {
        using var project = SmallProject();
        var data = Path.Combine(project.Path, "data");
        var corrections = project.File("c.csv", "id;text;claim_type;stance;extra\r\nc1;Ten were killed.;casualty_claim;support;x\r\nc2;Bad.;casualty;support;x\r\nc1;Ten were killed.;other;support;x\r\n");

        var (exit, _, error) = await Run("train", "--data", data, "--out", Path.Combine(project.Path, "models"), "--profile", "fast", "--corrections", corrections, "--delimiter", ";");

        Assert.Equal(2, exit);
        Assert.Contains($"{corrections}:3: unknown claim_type 'casualty'", error);
        Assert.Contains($"{corrections}:4: id 'c1' has labels other/support here but casualty_claim/support at {corrections}:2", error);
        Assert.False(Directory.Exists(Path.Combine(data, TrainingData.CorrectionsFolder)));
    }

    private static ClaimType Parse(string name) => Labels.TryParseClaimType(name, out var c) ? c.Value : throw new ArgumentException(name);

    private static Stance ParseStance(string name) => Labels.TryParseStance(name, out var s) ? s.Value : throw new ArgumentException(name);
}

internal static class Fluent
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
