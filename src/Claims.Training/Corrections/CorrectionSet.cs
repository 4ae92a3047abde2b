using Claims.Inference;
using Claims.Training.Data;

namespace Claims.Training.Corrections;

/// <summary>
/// Labels a user corrected: read from one or more CSV files (the review file they edited, or any file in the
/// training schema), validated, and merged into the training data so that a correction wins over an
/// existing sentence with the same normalised text.
/// </summary>
/// <param name="Sentences">The valid corrections.</param>
/// <param name="Problems">Every problem found, with file and line.</param>
public sealed record CorrectionSet(IReadOnlyList<LabeledSentence> Sentences, IReadOnlyList<DataProblem> Problems)
{
    /// <summary>Reads and validates correction files.</summary>
    /// <param name="files">The CSV files.</param>
    /// <param name="separator">The field separator; <c>null</c> detects it.</param>
    public static CorrectionSet Load(IEnumerable<string> files, char? separator = ',')
    {
        var sentences = new List<LabeledSentence>();
        var problems = new List<DataProblem>();
        foreach (var file in files)
        {
            var (read, fileProblems) = LabeledSentenceReader.ReadFile(file, separator);
            sentences.AddRange(read);
            problems.AddRange(fileProblems);
        }

        // The same id twice is fine when the labels agree (a row copied into two files); not when they conflict.
        foreach (var group in sentences.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Select(s => (s.ClaimType, s.Stance)).Distinct().Count() > 1))
        {
            var first = group.First();
            problems.AddRange(group.Skip(1).Select(s => new DataProblem(s.Location, $"id '{s.Id}' has labels {s.ClaimType.Name()}/{s.Stance.Name()} here but {first.ClaimType.Name()}/{first.Stance.Name()} at {first.Location}")));
        }

        var conflicting = problems.Select(p => p.Location).ToHashSet();
        var valid = sentences.Where(s => !conflicting.Contains(s.Location)).DistinctBy(s => s.Id).ToList();
        return new CorrectionSet(valid, problems);
    }

    /// <summary>
    /// The training sentences with these corrections applied: a correction replaces every training sentence
    /// with the same normalised text, and is added when there is none.
    /// </summary>
    public IReadOnlyList<LabeledSentence> MergeInto(IReadOnlyList<LabeledSentence> training)
    {
        var corrected = Sentences.Select(s => TextNormalizer.Normalize(s.Text)).ToHashSet(StringComparer.Ordinal);
        return training.Where(s => !corrected.Contains(TextNormalizer.Normalize(s.Text))).Concat(Sentences).ToList();
    }

    /// <summary>Writes the corrections in the training schema, so that later trainings include them.</summary>
    public void Save(string path) => LabeledSentenceWriter.Write(path, Sentences);
}
