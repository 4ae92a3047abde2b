using System.CommandLine;
using Claims.Inference;

namespace Claims.Cli.Commands;

/// <summary>Options and defaults shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary>The shipped model folder, relative to the repository root.</summary>
    public const string DefaultModelDirectory = "models/default";

    /// <summary>The labeled data folder, relative to the repository root.</summary>
    public const string DefaultDataDirectory = "training-data";

    public static Option<string> Model() => new("--model")
    {
        Description = "The model folder (manifest.json and ONNX files).",
        DefaultValueFactory = _ => FindUpwards(DefaultModelDirectory),
    };

    public static Option<string> Data() => new("--data")
    {
        Description = "The labeled data folder: every *.csv below it is read.",
        DefaultValueFactory = _ => FindUpwards(DefaultDataDirectory),
    };

    public static ClaimClassifier LoadClassifier(string modelDirectory) => ClaimClassifier.Load(modelDirectory, intraOpThreads: 1);

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
