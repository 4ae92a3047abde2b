using Claims.Inference;

namespace Claims.Tests;

[Collection(nameof(SmallModelCollection))]
public sealed class ClaimClassifierSpecs(SmallModelFixture fixture)
{
    [Fact]
    public void Classifier_gives_a_probability_for_every_label_of_both_heads()
    {
        using var classifier = ClaimClassifier.Load(fixture.ModelDirectory);

        var prediction = classifier.Classify("At least 30 soldiers were killed, the ministry said.");

        Assert.Equal(Labels.ClaimTypes.Order(), prediction.ClaimTypeProbabilities.Keys.Order());
        Assert.Equal(Labels.Stances.Order(), prediction.StanceProbabilities.Keys.Order());
        Assert.Equal(1f, prediction.ClaimTypeProbabilities.Values.Sum(), 1e-4f);
        Assert.Equal(1f, prediction.StanceProbabilities.Values.Sum(), 1e-4f);
        Assert.Equal(prediction.ClaimTypeProbabilities.Values.Max(), prediction.ClaimTypeConfidence);
        Assert.Equal(prediction.ClaimTypeProbabilities[prediction.ClaimType], prediction.ClaimTypeConfidence);
        Assert.Equal(prediction.StanceProbabilities[prediction.Stance], prediction.StanceConfidence);
    }

    [Fact]
    public void Classifier_scores_an_article_sentence_by_sentence_with_offsets()
    {
        using var classifier = ClaimClassifier.Load(fixture.ModelDirectory);
        const string article = "Headline here\nFive soldiers were killed. The Kremlin declined to comment.";

        var scored = classifier.ClassifyArticle(article, "a1");

        Assert.Equal(["Headline here", "Five soldiers were killed.", "The Kremlin declined to comment."], scored.Select(s => s.Sentence.Text));
        Assert.All(scored, s => Assert.Equal(s.Sentence.Text, article[s.Sentence.Start..s.Sentence.End]));
        Assert.All(scored, s => Assert.Equal(classifier.Classify(s.Sentence.Text), s.Prediction, PredictionComparer.Instance));
    }

    [Fact]
    public void Classifier_gives_the_same_answers_from_many_threads_at_once()
    {
        using var classifier = ClaimClassifier.Load(fixture.ModelDirectory);
        var texts = fixture.Sentences.Select(s => s.Text).ToList();
        var sequential = texts.Select(classifier.Classify).ToList();

        var parallel = new Prediction[texts.Count];
        Parallel.For(0, texts.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i % texts.Count] = classifier.Classify(texts[i % texts.Count]));

        Assert.Equal(sequential, parallel, PredictionComparer.Instance);
    }

    [Fact]
    public void Loading_a_folder_without_a_model_names_the_missing_file()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<InvalidModelException>(() => ClaimClassifier.Load(dir.Path));

        Assert.Equal(Path.Combine(dir.Path, "manifest.json"), error.Path);
    }

    [Fact]
    public void Loading_a_corrupt_onnx_file_names_the_file()
    {
        using var dir = new TempDirectory();
        foreach (var file in Directory.GetFiles(fixture.ModelDirectory))
        {
            File.Copy(file, Path.Combine(dir.Path, Path.GetFileName(file)));
        }

        var corrupt = Path.Combine(dir.Path, "stance.onnx");
        File.WriteAllText(corrupt, "not a model");

        var error = Assert.Throws<InvalidModelException>(() => ClaimClassifier.Load(dir.Path));

        Assert.Equal(corrupt, error.Path);
        Assert.Contains(corrupt, error.Message);
    }

    [Fact]
    public void Loading_a_manifest_whose_ngram_slots_the_heads_lack_names_the_manifest()
    {
        using var dir = new TempDirectory();
        foreach (var file in Directory.GetFiles(fixture.ModelDirectory))
        {
            File.Copy(file, Path.Combine(dir.Path, Path.GetFileName(file)));
        }

        var manifest = ModelManifest.Load(dir.Path);
        (manifest with { Ngrams = manifest.Ngrams! with { Dimensions = manifest.Ngrams.Dimensions * 2 } }).Save(dir.Path);

        var error = Assert.Throws<InvalidModelException>(() => ClaimClassifier.Load(dir.Path));

        Assert.Equal(Path.Combine(dir.Path, "manifest.json"), error.Path);
        Assert.Contains("n-gram", error.Message);
    }

    private sealed class PredictionComparer : IEqualityComparer<Prediction>
    {
        public static PredictionComparer Instance { get; } = new();

        // Same labels and flag; probabilities equal up to float rounding (a batch pads its rows, which may reorder a sum).
        public bool Equals(Prediction? x, Prediction? y) =>
            x is not null && y is not null
            && (x.ClaimType, x.Stance, x.Uncertain) == (y.ClaimType, y.Stance, y.Uncertain)
            && Close(x.ClaimTypeProbabilities, y.ClaimTypeProbabilities)
            && Close(x.StanceProbabilities, y.StanceProbabilities);

        private static bool Close<TLabel>(IReadOnlyDictionary<TLabel, float> x, IReadOnlyDictionary<TLabel, float> y)
            where TLabel : notnull =>
            x.Count == y.Count && x.All(kv => Math.Abs(kv.Value - y[kv.Key]) <= 1e-6f);

        public int GetHashCode(Prediction obj) => HashCode.Combine(obj.ClaimType, obj.Stance);
    }
}
