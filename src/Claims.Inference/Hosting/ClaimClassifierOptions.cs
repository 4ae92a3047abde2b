namespace Claims.Inference.Hosting;

/// <summary>How a service loads its <see cref="ClaimClassifier"/>.</summary>
public sealed class ClaimClassifierOptions
{
    /// <summary>The model folder; when empty, <c>models/{Profile}</c> under the application's base folder.</summary>
    public string ModelDirectory { get; set; } = "";

    /// <summary>The profile whose shipped folder is used when <see cref="ModelDirectory"/> is empty: <c>default</c> or <c>fast</c>.</summary>
    public string Profile { get; set; } = "default";

    /// <summary>Threads ONNX Runtime may use inside one encoder call; 0 lets it choose.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>The model folder these options point at.</summary>
    public string ResolveModelDirectory() =>
        string.IsNullOrWhiteSpace(ModelDirectory) ? Path.Combine(AppContext.BaseDirectory, "models", Profile) : ModelDirectory;
}
