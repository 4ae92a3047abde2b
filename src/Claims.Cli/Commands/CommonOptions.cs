using System.CommandLine;
using Claims.Inference;
using Claims.Training.Modeling;

namespace Claims.Cli.Commands;

/// <summary>Options and defaults shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary>The labeled data folder, relative to the repository root.</summary>
    public const string DefaultDataDirectory = "training-data";

    public static Option<string> Model() => new("--model")
    {
        Description = "The model folder (manifest.json and ONNX files); models/<profile> of the repository when not given.",
    };

    /// <summary>The model folder the user named, or the repository's folder of the chosen profile.</summary>
    public static string ModelDirectory(string? model, string profile) => model ?? FindUpwards(Path.Combine("models", profile));

    public static Option<string> Data() => new("--data")
    {
        Description = "The labeled data folder: every *.csv below it is read.",
        DefaultValueFactory = _ => FindUpwards(DefaultDataDirectory),
    };

    public static ClaimClassifier LoadClassifier(string modelDirectory) => ClaimClassifier.Load(modelDirectory);

    /// <summary>The model profiles: <c>default</c> (sentence encoder and n-grams) and <c>fast</c> (n-grams only).</summary>
    public static IReadOnlyDictionary<string, TrainingOptions> Profiles { get; } = new Dictionary<string, TrainingOptions>
    {
        ["default"] = TrainingOptions.Default,
        ["fast"] = TrainingOptions.Fast,
    };

    public static Option<string> Profile(params string[] extra)
    {
        var option = new Option<string>("--profile") { Description = "default: sentence encoder and n-grams; fast: n-grams only.", DefaultValueFactory = _ => "default" };
        option.AcceptOnlyFromAmong([.. Profiles.Keys, .. extra]);
        return option;
    }

    /// <summary>Loads the sentence encoder when the options need it.</summary>
    public static EmbeddingCache? Embeddings(TrainingOptions options) =>
        options.UsesEmbedding ? new EmbeddingCache(SentenceEncoder.Load(options.Encoder)) : null;

    /// <summary>
    /// The repository's folder <paramref name="relative"/> as seen from the working directory or any parent,
    /// so that the commands work from anywhere inside a clone; the relative path itself when none has it.
    /// </summary>
    public static string FindUpwards(string relative)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return Path.GetRelativePath(Environment.CurrentDirectory, candidate);
            }
        }

        return relative;
    }
}

/// <summary>The exit codes of every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int SomeInputFailed = 1;
    public const int InvalidInput = 2;
}
