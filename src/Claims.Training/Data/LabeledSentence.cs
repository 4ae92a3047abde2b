using Claims.Inference;

namespace Claims.Training.Data;

/// <summary>A sentence with the labels a person gave it, and where it was read from.</summary>
/// <param name="Id">Unique id of the row.</param>
/// <param name="Text">The sentence.</param>
/// <param name="ClaimType">Its claim type.</param>
/// <param name="Stance">Its stance.</param>
/// <param name="Source">The article or writing batch it belongs to; cross-validation keeps a source in one fold.</param>
/// <param name="Location">The file and line it was read from.</param>
public sealed record LabeledSentence(string Id, string Text, ClaimType ClaimType, Stance Stance, string Source, DataLocation Location);

/// <summary>A place in a data file.</summary>
/// <param name="File">The file path.</param>
/// <param name="Line">The 1-based line where the record starts.</param>
public sealed record DataLocation(string File, long Line)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>Something wrong with a data file, at a place in it.</summary>
/// <param name="Location">Where.</param>
/// <param name="Message">What is wrong.</param>
public sealed record DataProblem(DataLocation Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>Thrown when labeled data cannot be used; <see cref="Problems"/> lists every problem found, not just the first.</summary>
public sealed class InvalidDataFileException(IReadOnlyList<DataProblem> problems)
    : Exception(FormatMessage(problems))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DataProblem> Problems { get; } = problems;

    private static string FormatMessage(IReadOnlyList<DataProblem> problems) =>
        $"{problems.Count} problem(s) in labeled data:{Environment.NewLine}" + string.Join(Environment.NewLine, problems);
}
