using Claims.Inference;
using Claims.Training.Data;
using Claims.Training.Modeling;

namespace Claims.Tests;

/// <summary>
/// Both profiles trained once per test run on the seed labels alone (small and quick), and exported to a
/// temporary folder.
/// </summary>
public sealed class SmallModelFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SmallModelFixture()
    {
        var (sentences, problems) = LabeledSentenceReader.ReadFile(Repository.Path("training-data", TrainingData.SeedFileName));
        Assert.Empty(problems);
        Sentences = sentences;
        Embeddings = new EmbeddingCache(SentenceEncoder.LoadMiniLm());
        Models = new Dictionary<string, ClaimModel>
        {
            ["default"] = ClaimModel.Train(sentences, TrainingOptions.Default, Embeddings),
            ["fast"] = ClaimModel.Train(sentences, TrainingOptions.Fast),
        };
        foreach (var (profile, model) in Models)
        {
            model.Export(Directory(profile), new ModelCard("test-data", "tests"));
        }
    }

    public IReadOnlyList<LabeledSentence> Sentences { get; }

    public EmbeddingCache Embeddings { get; }

    public IReadOnlyDictionary<string, ClaimModel> Models { get; }

    /// <summary>The default profile's model folder.</summary>
    public string ModelDirectory => Directory("default");

    public string Directory(string profile) => Path.Combine(_directory.Path, profile);

    public void Dispose()
    {
        Embeddings.Encoder.Dispose();
        _directory.Dispose();
    }
}

[CollectionDefinition(nameof(SmallModelCollection))]
public sealed class SmallModelCollection : ICollectionFixture<SmallModelFixture>;
