using System.Text;
using Claims.Inference;
using CsvHelper;

namespace Claims.Training.Data;

/// <summary>
/// Reads labeled sentences from CSV (<c>id,text,claim_type,stance</c> and optional <c>source</c>; other columns
/// are ignored). A bad row is reported with its file and line and the other rows are still read.
/// </summary>
public static class LabeledSentenceReader
{
    /// <summary>The columns every labeled CSV must have.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["id", "text", "claim_type", "stance"];

    /// <summary>Reads every <c>*.csv</c> below a folder, in path order, collecting every problem.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<LabeledSentence> Sentences, IReadOnlyList<DataProblem> Problems) ReadFolder(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var sentences = new List<LabeledSentence>();
        var problems = new List<DataProblem>();
        foreach (var file in files)
        {
            var (read, fileProblems) = ReadFile(file);
            sentences.AddRange(read);
            problems.AddRange(fileProblems);
        }

        return (files, sentences, problems);
    }

    /// <summary>Reads one CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="separator">The field separator; <c>null</c> detects <c>,</c> <c>;</c> tab or <c>|</c>.</param>
    public static (IReadOnlyList<LabeledSentence> Sentences, IReadOnlyList<DataProblem> Problems) ReadFile(string path, char? separator = ',')
    {
        var sentences = new List<LabeledSentence>();
        var problems = new List<DataProblem>();
        if (!File.Exists(path))
        {
            problems.Add(new DataProblem(new DataLocation(path, 0), "file not found"));
            return (sentences, problems);
        }

        if (!IsUtf8(path))
        {
            problems.Add(new DataProblem(new DataLocation(path, 0), "not UTF-8 text; save the file as UTF-8 (CSV UTF-8 in a spreadsheet)"));
            return (sentences, problems);
        }

        var options = new CsvReaderOptions
        {
            Separator = separator,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        try
        {
            using var csv = CsvReader.FromFile(path, options);
            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new DataProblem(new DataLocation(path, 1), $"missing column(s) {string.Join(", ", missing)}; the header must hold {string.Join(",", RequiredColumns)} (and optionally source)"));
                return (sentences, problems);
            }

            var column = RequiredColumns.Append("source").ToDictionary(c => c, c => header.IndexOf(c));
            while (csv.Read())
            {
                var location = new DataLocation(path, csv.LineNumber);
                if (csv.FieldCount != header.Count)
                {
                    problems.Add(new DataProblem(location, $"{csv.FieldCount} fields where the header has {header.Count}; quote text that holds the separator"));
                    continue;
                }

                string Field(string name) => column[name] < 0 ? "" : Unescape(csv.GetString(column[name]).Trim());
                var row = ParseRow(Field("id"), Field("text"), Field("claim_type"), Field("stance"), Field("source"), location, problems);
                if (row is not null)
                {
                    sentences.Add(row);
                }
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(new DataProblem(new DataLocation(path, e.LineNumber), $"malformed CSV: {e.Message}"));
        }

        return (sentences, problems);
    }

    private static LabeledSentence? ParseRow(string id, string text, string claimType, string stance, string source, DataLocation location, List<DataProblem> problems)
    {
        var before = problems.Count;
        if (id.Length == 0)
        {
            problems.Add(new DataProblem(location, "empty id"));
        }

        if (text.Length == 0)
        {
            problems.Add(new DataProblem(location, "empty text"));
        }

        if (!Labels.TryParseClaimType(claimType, out var parsedClaimType))
        {
            problems.Add(new DataProblem(location, $"unknown claim_type '{claimType}'; expected one of {string.Join(", ", Labels.ClaimTypes.Select(c => c.Name()))}"));
        }

        if (!Labels.TryParseStance(stance, out var parsedStance))
        {
            problems.Add(new DataProblem(location, $"unknown stance '{stance}'; expected one of {string.Join(", ", Labels.Stances.Select(s => s.Name()))}"));
        }

        if (problems.Count > before || parsedClaimType is null || parsedStance is null)
        {
            return null;
        }

        return new LabeledSentence(id, text, parsedClaimType.Value, parsedStance.Value, source.Length > 0 ? source : Path.GetFileNameWithoutExtension(location.File), location);
    }

    // Files this project writes for spreadsheets put ' before a cell that starts like a formula; read it back without.
    private static string Unescape(string field) =>
        field.Length > 1 && field[0] == '\'' && field[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? field[1..] : field;

    private static bool IsUtf8(string path)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
