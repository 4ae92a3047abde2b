using Claims.Training.Data;
using Claims.Training.Modeling;

namespace Claims.Tests;

/// <summary>A model trained once per test run on the seed labels alone, and exported to a temporary folder.</summary>
public sealed class SmallModelFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SmallModelFixture()
    {
        var (sentences, problems) = LabeledSentenceReader.ReadFile(Repository.Path("training-data", TrainingData.SeedFileName));
        Assert.Empty(problems);
        Sentences = sentences;
        Model = ClaimModel.Train(sentences);
        ModelDirectory = Path.Combine(_directory.Path, "model");
        Model.Export(ModelDirectory, "test-data", new Dictionary<string, Inference.EvaluationSummary>(), "tests");
    }

    public IReadOnlyList<LabeledSentence> Sentences { get; }

    public ClaimModel Model { get; }

    public string ModelDirectory { get; }

    public void Dispose() => _directory.Dispose();
}

[CollectionDefinition(nameof(SmallModelCollection))]
public sealed class SmallModelCollection : ICollectionFixture<SmallModelFixture>;
