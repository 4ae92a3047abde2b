using Claims.Inference;
using Claims.Training.Modeling;

namespace Claims.Tests;

[Collection(nameof(SmallModelCollection))]
public sealed class OnnxParitySpecs(SmallModelFixture fixture)
{
    private static readonly string[] HostileStrings =
    [
        "",
        "   \t ",
        "\u201CCurly\u201D \u2018quotes\u2019 \u2014 and dashes \u2013 everywhere\u2026",
        "Минобороны России заявило о потерях противника.",
        "Troops \U0001F1FA\U0001F1E6 advanced \U0001F4A5\U0001F525 near the river",
        string.Concat(Enumerable.Repeat("Thirty soldiers were killed near the border. ", 230))[..10_000],
    ];

    public static TheoryData<string, int> HostileCases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var profile in new[] { "default", "fast" })
        {
            for (var i = 0; i < HostileStrings.Length; i++)
            {
                cases.Add(profile, i);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void Onnx_export_scores_hostile_strings_like_MLNET(string profile, int hostile) => AssertParity(profile, [HostileStrings[hostile]]);

    [Theory]
    [InlineData("default")]
    [InlineData("fast")]
    public void Onnx_export_scores_every_seed_sentence_like_MLNET(string profile) => AssertParity(profile, fixture.Sentences.Select(s => s.Text).ToList());

    [Theory]
    [InlineData("default")]
    [InlineData("fast")]
    public void Training_twice_gives_byte_identical_onnx_files(string profile)
    {
        var options = profile == "fast" ? TrainingOptions.Fast : TrainingOptions.Default;
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        ClaimModel.Train(fixture.Sentences, options, fixture.Embeddings).Export(first.Path, new ModelCard("x", "x"));
        ClaimModel.Train(fixture.Sentences, options, fixture.Embeddings).Export(second.Path, new ModelCard("x", "x"));

        foreach (var file in new[] { "claim_type.onnx", "stance.onnx" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(second.Path, file)));
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("fast")]
    public void A_batch_mixing_long_short_and_empty_sentences_scores_each_like_MLNET(string profile) =>
        AssertParity(profile, fixture.Sentences.Take(40).Select(s => s.Text).Concat(HostileStrings).ToList());

    private void AssertParity(string profile, IReadOnlyList<string> texts)
    {
        var model = fixture.Models[profile];
        using var classifier = ClaimClassifier.Load(fixture.Directory(profile));
        var (claimLabels, claimScores) = model.ScoreClaimType(texts);
        var (stanceLabels, stanceScores) = model.ScoreStance(texts);
        var batch = classifier.Classify(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            var onnx = classifier.Classify(texts[i]);
            for (var k = 0; k < claimLabels.Count; k++)
            {
                Labels.TryParseClaimType(claimLabels[k], out var claimType);
                Assert.Equal(claimScores[i][k], onnx.ClaimTypeProbabilities[claimType!.Value], 1e-5f);
                Assert.Equal(claimScores[i][k], batch[i].ClaimTypeProbabilities[claimType!.Value], 1e-5f);
            }

            for (var k = 0; k < stanceLabels.Count; k++)
            {
                Labels.TryParseStance(stanceLabels[k], out var stance);
                Assert.Equal(stanceScores[i][k], onnx.StanceProbabilities[stance!.Value], 1e-5f);
                Assert.Equal(stanceScores[i][k], batch[i].StanceProbabilities[stance!.Value], 1e-5f);
            }

            var mlnet = model.Predict([texts[i]])[0];
            Assert.Equal((mlnet.ClaimType, mlnet.Stance), (onnx.ClaimType, onnx.Stance));
        }
    }
}
