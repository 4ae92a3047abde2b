using Claims.Inference;
using Claims.Training.Modeling;

namespace Claims.Tests;

[Collection(nameof(SmallModelCollection))]
public sealed class OnnxParitySpecs(SmallModelFixture fixture)
{
    public static TheoryData<string> HostileStrings() => new(
        "",
        "   \t ",
        "\u201CCurly\u201D \u2018quotes\u2019 \u2014 and dashes \u2013 everywhere\u2026",
        "Минобороны России заявило о потерях противника.",
        "Troops \U0001F1FA\U0001F1E6 advanced \U0001F4A5\U0001F525 near the river",
        string.Concat(Enumerable.Repeat("Thirty soldiers were killed near the border. ", 230))[..10_000]);

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public void Onnx_export_scores_hostile_strings_like_MLNET(string text) => AssertParity([text]);

    [Fact]
    public void Onnx_export_scores_every_seed_sentence_like_MLNET() => AssertParity(fixture.Sentences.Select(s => s.Text).ToList());

    [Fact]
    public void Training_twice_gives_byte_identical_onnx_files()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        ClaimModel.Train(fixture.Sentences).Export(first.Path, "x", new Dictionary<string, EvaluationSummary>(), "x");
        ClaimModel.Train(fixture.Sentences).Export(second.Path, "x", new Dictionary<string, EvaluationSummary>(), "x");

        foreach (var file in new[] { "claim_type.onnx", "stance.onnx" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(second.Path, file)));
        }
    }

    private void AssertParity(IReadOnlyList<string> texts)
    {
        using var classifier = ClaimClassifier.Load(fixture.ModelDirectory);
        var (claimLabels, claimScores) = fixture.Model.ScoreClaimType(texts);
        var (stanceLabels, stanceScores) = fixture.Model.ScoreStance(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            var onnx = classifier.Classify(texts[i]);
            for (var k = 0; k < claimLabels.Count; k++)
            {
                Labels.TryParseClaimType(claimLabels[k], out var claimType);
                Assert.Equal(claimScores[i][k], onnx.ClaimTypeProbabilities[claimType!.Value], 1e-5f);
            }

            for (var k = 0; k < stanceLabels.Count; k++)
            {
                Labels.TryParseStance(stanceLabels[k], out var stance);
                Assert.Equal(stanceScores[i][k], onnx.StanceProbabilities[stance!.Value], 1e-5f);
            }

            Assert.Equal(fixture.Model.Predict([texts[i]])[0], (onnx.ClaimType, onnx.Stance));
        }
    }
}
