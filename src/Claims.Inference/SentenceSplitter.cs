namespace Claims.Inference;

/// <summary>
/// Splits news web text into sentences. Every line break ends a sentence (scraped pages put headlines,
/// captions, bylines and buttons on lines of their own); within a line, a sentence ends at <c>.</c>, <c>!</c>
/// or <c>?</c> followed by a space and a capital, a digit or an opening quote, except after abbreviations
/// (<c>Maj. Gen.</c>, <c>U.S.</c>, <c>Dec. 26</c>) and inside a quotation that goes on after the stop.
/// Markup lines such as <c>&lt;image&gt;…&lt;/image&gt;</c> are dropped.
/// </summary>
public sealed class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        // Titles and ranks.
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Pres", "Amb", "Rev", "Hon", "St", "Jr", "Sr",
        "Gen", "Maj", "Lt", "Col", "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Lieut", "Gens",
        // Months.
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        // Other short forms that are followed by more of the sentence.
        "approx", "est", "vs", "Vol", "Fig", "Mt", "Ft", "Gov't", "Dept", "Corp", "Inc", "Ltd", "Co",
    };

    // Abbreviations that end a sentence unless a number follows ("No. 10", "Art. 5").
    private static readonly HashSet<string> NumberAbbreviations = new(StringComparer.Ordinal) { "No", "Nos", "Art", "p", "pp" };

    /// <summary>A splitter with the default rules; it holds no state and can be shared across threads.</summary>
    public static SentenceSplitter Default { get; } = new();

    /// <summary>Splits an article into sentences that keep their character offsets in <paramref name="articleText"/>.</summary>
    /// <param name="articleText">The article as plain text.</param>
    /// <param name="articleId">The id that every returned sentence carries.</param>
    public IReadOnlyList<Sentence> Split(string articleText, string articleId = "")
    {
        ArgumentNullException.ThrowIfNull(articleText);
        ArgumentNullException.ThrowIfNull(articleId);
        var sentences = new List<Sentence>();
        var lineStart = 0;
        while (lineStart <= articleText.Length)
        {
            var newline = articleText.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? articleText.Length : newline;
            SplitLine(articleText, lineStart, lineEnd, articleId, sentences);
            if (newline < 0)
            {
                break;
            }

            lineStart = newline + 1;
        }

        return sentences;
    }

    private static void SplitLine(string text, int start, int end, string articleId, List<Sentence> sentences)
    {
        (start, end) = Trim(text, start, end);
        if (start >= end || IsMarkup(text, start, end))
        {
            return;
        }

        var quotes = ClosedQuotations(text, start, end);
        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            if (text[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var afterStop = i + 1;
            while (afterStop < end && (text[afterStop] is '.' or '!' or '?' || IsClosing(text[afterStop])))
            {
                afterStop++;
            }

            if (!EndsSentence(text, i, afterStop, end, quotes))
            {
                continue;
            }

            Add(text, sentenceStart, afterStop, articleId, sentences);
            sentenceStart = afterStop;
            i = afterStop - 1;
        }

        Add(text, sentenceStart, end, articleId, sentences);
    }

    private static bool EndsSentence(string text, int stop, int afterStop, int end, List<(int Open, int Close)> quotes)
    {
        if (afterStop >= end || !char.IsWhiteSpace(text[afterStop]))
        {
            return false;
        }

        var next = afterStop;
        while (next < end && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        var following = text[next];
        if (!(char.IsUpper(following) || char.IsDigit(following) || IsOpening(following)))
        {
            return false;
        }

        if (quotes.Any(q => q.Open < stop && q.Close >= afterStop))
        {
            return false;
        }

        return text[stop] != '.' || !IsAbbreviation(text, stop, char.IsDigit(following));
    }

    private static bool IsAbbreviation(string text, int dot, bool numberFollows)
    {
        var wordStart = dot;
        while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]) && !IsOpening(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        return Abbreviations.Contains(word)
            || (numberFollows && NumberAbbreviations.Contains(word))
            || IsInitials(word);
    }

    // "U.S", "U.N", "E.U", or a single initial such as the "F" of "John F. Kennedy".
    private static bool IsInitials(string word) =>
        word.Length > 0
        && word.Split('.').All(part => part.Length == 1 && char.IsLetter(part[0]))
        && char.IsUpper(word[0]);

    // Quotations that open and close on this line; a stop inside one does not end the sentence.
    private static List<(int Open, int Close)> ClosedQuotations(string text, int start, int end)
    {
        var spans = new List<(int, int)>();
        var open = -1;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            var opens = c == '\u201C' || (c == '"' && open < 0 && (i == start || char.IsWhiteSpace(text[i - 1]) || IsOpening(text[i - 1]) || text[i - 1] is ':' or '-' or '\u2013' or '\u2014'));
            if (opens)
            {
                open = i;
            }
            else if ((c == '\u201D' || c == '"') && open >= 0)
            {
                spans.Add((open, i));
                open = -1;
            }
        }

        return spans;
    }

    private static bool IsOpening(char c) => c is '"' or '\u201C' or '\u2018' or '\'' or '(' or '[' or '\u00AB';

    private static bool IsClosing(char c) => c is '"' or '\u201D' or '\u2019' or '\'' or ')' or ']' or '\u00BB';

    private static bool IsMarkup(string text, int start, int end) => text[start] == '<' && text[end - 1] == '>';

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static void Add(string text, int start, int end, string articleId, List<Sentence> sentences)
    {
        (start, end) = Trim(text, start, end);
        if (start < end)
        {
            sentences.Add(new Sentence(articleId, sentences.Count, start, end, text[start..end]));
        }
    }
}
