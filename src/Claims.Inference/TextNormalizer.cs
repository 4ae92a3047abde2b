using System.Globalization;
using System.Text;

namespace Claims.Inference;

/// <summary>
/// The one text normalisation shared by training and inference. It runs in C#, outside the ONNX graph,
/// because ONNX Runtime's own string normaliser needs a locale that slim Linux images lack.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Bumped whenever <see cref="Normalize"/> changes; a model records the version it was trained with.</summary>
    public const int Version = 1;

    /// <summary>
    /// NFKC, curly quotes and dashes folded to ASCII, lower case, every digit written as <c>0</c>
    /// (so that "30 killed" and "45 killed" look alike), white space collapsed.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            AppendFolded(builder, rune);
        }

        return builder.ToString();
    }

    private static void AppendFolded(StringBuilder builder, Rune rune)
    {
        switch (rune.Value)
        {
            case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '`' or '\u00B4':
                builder.Append('\'');
                return;
            case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                builder.Append('"');
                return;
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                builder.Append('-');
                return;
        }

        if (Rune.IsDigit(rune))
        {
            builder.Append('0');
            return;
        }

        Span<char> utf16 = stackalloc char[2];
        builder.Append(utf16[..Rune.ToLowerInvariant(rune).EncodeToUtf16(utf16)]);
    }
}
