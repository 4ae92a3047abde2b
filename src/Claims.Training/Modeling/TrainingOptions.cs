using Claims.Inference;

namespace Claims.Training.Modeling;

/// <summary>Which features the heads read.</summary>
public enum FeatureSet
{
    /// <summary>Word and character n-grams of the normalised text: fast, but knows only the words it was trained on.</summary>
    Ngrams,

    /// <summary>The sentence encoder's embedding alone.</summary>
    Embedding,

    /// <summary>Both, concatenated.</summary>
    NgramsAndEmbedding,
}

/// <summary>The ML.NET trainer of the heads.</summary>
public enum HeadAlgorithm
{
    /// <summary>Multiclass logistic regression by stochastic dual coordinate ascent.</summary>
    SdcaMaximumEntropy,

    /// <summary>Multiclass logistic regression by L-BFGS.</summary>
    LbfgsMaximumEntropy,
}

/// <summary>How the heads are trained. The defaults are the shipped default profile's settings.</summary>
public sealed record TrainingOptions
{
    /// <summary>The shipped default profile: encoder embedding and n-grams.</summary>
    public static TrainingOptions Default { get; } = new();

    /// <summary>The shipped fast profile: n-grams only (no encoder).</summary>
    public static TrainingOptions Fast { get; } = new() { Features = FeatureSet.Ngrams };

    /// <summary>The seed of every random choice; the same seed and data give byte-identical ONNX files.</summary>
    public int Seed { get; init; } = 20261126;

    /// <summary>Which features the heads read.</summary>
    public FeatureSet Features { get; init; } = FeatureSet.NgramsAndEmbedding;

    /// <summary>The sentence encoder, by its manifest name, when the features use embeddings.</summary>
    public string Encoder { get; init; } = SentenceEncoder.MiniLmName;

    /// <summary>The trainer.</summary>
    public HeadAlgorithm Algorithm { get; init; } = HeadAlgorithm.LbfgsMaximumEntropy;

    /// <summary>The longest word n-gram used as a feature; 0 turns word n-grams off.</summary>
    public int WordNgramLength { get; init; } = 2;

    /// <summary>The character n-gram length used as a feature; 0 turns character n-grams off.</summary>
    public int CharNgramLength { get; init; } = 5;

    /// <summary>How many slots the n-grams are hashed into (a power of two).</summary>
    public int NgramDimensions { get; init; } = 1 << 18;

    /// <summary>
    /// What the embedding is multiplied by beside the n-grams (each block of which has unit length): above 1 the
    /// trainer's L2 penalty holds the embedding's weights back less than the n-grams'. The export folds it into the weights.
    /// </summary>
    public float EmbeddingScale { get; init; } = 1;

    /// <summary>The L2 regularisation of the trainer.</summary>
    public float L2Regularization { get; init; } = 1e-4f;

    /// <summary>The most passes the trainer makes over the data.</summary>
    public int MaximumIterations { get; init; } = 60;

    /// <summary>The n-gram settings the heads are trained with and the manifest records; <c>null</c> when they read embeddings alone.</summary>
    public NgramManifest? Ngrams => Features == FeatureSet.Embedding ? null : new(NgramDimensions, WordNgramLength, CharNgramLength);

    /// <summary>Whether the heads need sentence embeddings.</summary>
    public bool UsesEmbedding => Features != FeatureSet.Ngrams;
}
