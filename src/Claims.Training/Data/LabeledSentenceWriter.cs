using Claims.Inference;
using CsvHelper;

namespace Claims.Training.Data;

/// <summary>Writes labeled sentences as UTF-8 CSV in the training schema, with optional extra columns.</summary>
public static class LabeledSentenceWriter
{
    /// <summary>The training schema's columns.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "text", "claim_type", "stance", "source"];

    /// <summary>Writes <c>id,text,claim_type,stance,source</c> rows.</summary>
    public static void Write(string path, IEnumerable<LabeledSentence> sentences) =>
        Write(path, sentences.Select(s => (s, Array.Empty<string>())), [], byteOrderMark: false);

    /// <summary>
    /// Writes the training schema plus <paramref name="extraColumns"/>. Cells that start like a spreadsheet formula
    /// (<c>= + - @</c>) get a leading <c>'</c>, which <see cref="LabeledSentenceReader"/> removes again.
    /// </summary>
    public static void Write(string path, IEnumerable<(LabeledSentence Sentence, string[] Extra)> rows, IReadOnlyList<string> extraColumns, bool byteOrderMark)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n", WriteByteOrderMark = byteOrderMark });
        csv.WriteHeader([.. Columns, .. extraColumns]);
        foreach (var (s, extra) in rows)
        {
            csv.WriteRecord([s.Id, s.Text, s.ClaimType.Name(), s.Stance.Name(), s.Source, .. extra]);
        }
    }
}
