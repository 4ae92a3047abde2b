namespace Claims.Training.Modeling;

/// <summary>How the heads are trained. The defaults are the shipped model's settings.</summary>
public sealed record TrainingOptions
{
    /// <summary>The seed of every random choice; the same seed and data give byte-identical ONNX files.</summary>
    public int Seed { get; init; } = 20261126;

    /// <summary>The longest word n-gram used as a feature.</summary>
    public int WordNgramLength { get; init; } = 2;

    /// <summary>The character n-gram length used as a feature; 0 turns character n-grams off.</summary>
    public int CharNgramLength { get; init; } = 4;

    /// <summary>The L2 regularisation of the maximum-entropy trainer.</summary>
    public float L2Regularization { get; init; } = 1e-4f;

    /// <summary>The most passes the trainer makes over the data.</summary>
    public int MaximumIterations { get; init; } = 60;
}
