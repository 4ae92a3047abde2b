using System.Security.Cryptography;
using System.Text;
using Claims.Inference;
using Claims.Training.Corrections;

namespace Claims.Training.Data;

/// <summary>
/// All labeled sentences of a data folder: every <c>*.csv</c> below it, read in path order. The seed labels
/// (<c>seeds.csv</c>) are part of it; evaluations on the seeds hold each article out. Files under
/// <c>corrections/</c> are labels users corrected: they replace any sentence with the same normalised text.
/// </summary>
/// <param name="Directory">The folder that was read.</param>
/// <param name="Files">The CSV files read, in order.</param>
/// <param name="Labeled">The sentences of the labeled files (seeds and authored data), corrections not applied.</param>
/// <param name="Corrections">The kept corrections.</param>
/// <param name="Sha256">A hash of the files' relative paths and text (line ends as LF): the same data gives the same hash on any machine.</param>
public sealed record TrainingData(string Directory, IReadOnlyList<string> Files, IReadOnlyList<LabeledSentence> Labeled, IReadOnlyList<LabeledSentence> Corrections, string Sha256)
{
    /// <summary>The name of the seed labels file inside the data folder.</summary>
    public const string SeedFileName = "seeds.csv";

    /// <summary>The folder, inside the data folder, where corrections are kept.</summary>
    public const string CorrectionsFolder = "corrections";

    /// <summary>The training set: the labeled sentences with the corrections applied.</summary>
    public IReadOnlyList<LabeledSentence> Sentences { get; } = Corrections.Count == 0 ? Labeled : new CorrectionSet(Corrections, []).MergeInto(Labeled);

    /// <summary>Whether a file of a data folder holds kept corrections.</summary>
    public static bool IsCorrectionFile(string directory, string file) =>
        Path.GetRelativePath(directory, file).Replace('\\', '/').StartsWith($"{CorrectionsFolder}/", StringComparison.Ordinal);

    /// <summary>Reads a data folder; throws <see cref="InvalidDataFileException"/> listing every bad row if any.</summary>
    public static TrainingData Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Training data folder not found: {directory}");
        }

        var (files, sentences, read) = LabeledSentenceReader.ReadFolder(directory);
        var problems = read.ToList();

        var corrections = sentences.Where(s => IsCorrectionFile(directory, s.Location.File)).ToList();
        var labeled = sentences.Where(s => !IsCorrectionFile(directory, s.Location.File)).ToList();
        problems.AddRange(DuplicateIds(labeled));
        problems.AddRange(new CorrectionSet(corrections, []).Problems);
        if (problems.Count > 0)
        {
            throw new InvalidDataFileException(problems);
        }

        // A correction of the same sentence made later (a later file) wins over an earlier one.
        corrections = corrections.AsEnumerable().Reverse().DistinctBy(s => TextNormalizer.Normalize(s.Text)).Reverse().ToList();
        return new TrainingData(directory, files, labeled, corrections, Hash(directory, files));
    }

    /// <summary>The sentences read from the seed labels file.</summary>
    public IReadOnlyList<LabeledSentence> Seeds => Labeled.Where(IsSeed).ToList();

    /// <summary>The training set without the seed rows: what evaluations on the seeds may train on.</summary>
    public IReadOnlyList<LabeledSentence> WithoutSeeds => Sentences.Where(s => !IsSeed(s)).ToList();

    /// <summary>Whether a sentence was read from the seed labels file (test data).</summary>
    public static bool IsSeed(LabeledSentence sentence) => Path.GetFileName(sentence.Location.File) == SeedFileName;

    /// <summary>Rows whose id was already used by an earlier row.</summary>
    public static IEnumerable<DataProblem> DuplicateIds(IEnumerable<LabeledSentence> sentences) =>
        sentences.GroupBy(s => s.Id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(s => new DataProblem(s.Location, $"duplicate id '{s.Id}', first used at {g.First().Location}")));

    private static string Hash(string directory, IEnumerable<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, file).Replace('\\', '/') + "\n"));
            // Line ends are hashed as LF, so that a checkout with CRLF files gives the same hash.
            sha.AppendData(Encoding.UTF8.GetBytes(File.ReadAllText(file).ReplaceLineEndings("\n")));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
