using System.Security.Cryptography;
using System.Text;

namespace Claims.Training.Data;

/// <summary>
/// All labeled sentences of a data folder: every <c>*.csv</c> below it, read in path order.
/// The seed labels (<c>seeds.csv</c>) are part of it; evaluations on the seeds hold each article out.
/// </summary>
/// <param name="Directory">The folder that was read.</param>
/// <param name="Files">The CSV files read, in order.</param>
/// <param name="Sentences">Every labeled sentence.</param>
/// <param name="Sha256">A hash of the files' relative paths and text (line ends as LF): the same data gives the same hash on any machine.</param>
public sealed record TrainingData(string Directory, IReadOnlyList<string> Files, IReadOnlyList<LabeledSentence> Sentences, string Sha256)
{
    /// <summary>The name of the seed labels file inside the data folder.</summary>
    public const string SeedFileName = "seeds.csv";

    /// <summary>Reads a data folder; throws <see cref="InvalidDataFileException"/> listing every bad row if any.</summary>
    public static TrainingData Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Training data folder not found: {directory}");
        }

        var files = System.IO.Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        var sentences = new List<LabeledSentence>();
        var problems = new List<DataProblem>();
        foreach (var file in files)
        {
            var (read, fileProblems) = LabeledSentenceReader.ReadFile(file);
            sentences.AddRange(read);
            problems.AddRange(fileProblems);
        }

        problems.AddRange(DuplicateIds(sentences));
        if (problems.Count > 0)
        {
            throw new InvalidDataFileException(problems);
        }

        return new TrainingData(directory, files, sentences, Hash(directory, files));
    }

    /// <summary>The sentences read from the seed labels file.</summary>
    public IReadOnlyList<LabeledSentence> Seeds =>
        Sentences.Where(s => Path.GetFileName(s.Location.File) == SeedFileName).ToList();

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
