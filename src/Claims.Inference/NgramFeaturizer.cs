using System.Buffers;
using System.Numerics;

namespace Claims.Inference;

/// <summary>How sentences become n-gram features; the manifest records it so that inference hashes as training did.</summary>
/// <param name="Dimensions">The length of the feature vector, a power of two: every n-gram is hashed into one of this many slots.</param>
/// <param name="WordNgramLength">The longest word n-gram (1 = single words, 2 = also pairs); 0 for none.</param>
/// <param name="CharNgramLength">The length of the character n-grams; 0 for none.</param>
public sealed record NgramManifest(int Dimensions, int WordNgramLength, int CharNgramLength);

/// <summary>
/// Turns a normalised sentence (see <see cref="TextNormalizer"/>) into hashed word and character n-gram counts,
/// each of the two blocks scaled to unit length. It runs in C#, not in the ONNX graph, so that the heads are plain
/// linear layers that score a whole batch in one call. Stateless and safe to call from many threads at once.
/// </summary>
public sealed class NgramFeaturizer
{
    // Seeds that keep a word and a character n-gram with the same letters apart.
    private const uint WordSeed = 2166136261;
    private const uint CharSeed = 2166136261 ^ 0x9E3779B9;
    private const char Separator = '\u0001';

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">The dimensions are not a power of two, or a length is out of range.</exception>
    public NgramFeaturizer(NgramManifest settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Dimensions < 2 || !BitOperations.IsPow2(settings.Dimensions))
        {
            throw new ArgumentException($"n-gram dimensions must be a power of two, not {settings.Dimensions}", nameof(settings));
        }

        if (settings.WordNgramLength is < 0 or > 5 || settings.CharNgramLength is < 0 or > 8 || settings.WordNgramLength + settings.CharNgramLength == 0)
        {
            throw new ArgumentException($"word n-grams up to {settings.WordNgramLength} and character n-grams of {settings.CharNgramLength}: need 0-5 and 0-8, not both 0", nameof(settings));
        }

        Settings = settings;
    }

    /// <summary>The settings.</summary>
    public NgramManifest Settings { get; }

    /// <summary>The length of the feature vector.</summary>
    public int Dimensions => Settings.Dimensions;

    /// <summary>The most (slot, value) pairs <see cref="Featurize(ReadOnlySpan{char}, Span{long}, Span{float})"/> writes for a text of this length.</summary>
    public int MaxFeatures(int textLength) => textLength * Settings.WordNgramLength + textLength + 2;

    /// <summary>
    /// Writes the features of one normalised sentence as (slot, value) pairs and returns how many it wrote. The
    /// feature vector is the sum of the pairs: a slot may appear twice, once for words and once for characters.
    /// </summary>
    /// <param name="normalizedText">The output of <see cref="TextNormalizer.Normalize"/>.</param>
    /// <param name="slots">Receives the slots; at least <see cref="MaxFeatures"/> long.</param>
    /// <param name="values">Receives their values; as long as <paramref name="slots"/>.</param>
    public int Featurize(ReadOnlySpan<char> normalizedText, Span<long> slots, Span<float> values)
    {
        var capacity = MaxFeatures(normalizedText.Length);
        if (slots.Length < capacity || values.Length < capacity)
        {
            throw new ArgumentException($"a text of {normalizedText.Length} characters needs room for {capacity} features", nameof(slots));
        }

        var scratch = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            var written = AddBlock(scratch, WordSlots(normalizedText, scratch), slots, values);
            return written + AddBlock(scratch, CharSlots(normalizedText, scratch), slots[written..], values[written..]);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>The feature vector of one normalised sentence in sparse form: each slot that is not zero once, in increasing order, with its value.</summary>
    public (int[] Slots, float[] Values) FeaturizeSparse(string normalizedText)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        var capacity = MaxFeatures(normalizedText.Length);
        var slots = new long[capacity];
        var values = new float[capacity];
        var summed = new SortedDictionary<int, float>();
        for (var i = Featurize(normalizedText, slots, values) - 1; i >= 0; i--)
        {
            summed[(int)slots[i]] = summed.GetValueOrDefault((int)slots[i]) + values[i];
        }

        return (summed.Keys.ToArray(), summed.Values.ToArray());
    }

    /// <summary>Writes each distinct slot of a block with its count, divided by the length of the block's count vector.</summary>
    private static int AddBlock(int[] buffer, int count, Span<long> slots, Span<float> values)
    {
        var block = buffer.AsSpan(0, count);
        block.Sort();
        var squares = 0.0;
        for (var run = 0; run < count;)
        {
            var end = RunEnd(block, run);
            squares += (double)(end - run) * (end - run);
            run = end;
        }

        var scale = (float)(1 / Math.Sqrt(squares));
        var written = 0;
        for (var run = 0; run < count;)
        {
            var end = RunEnd(block, run);
            slots[written] = block[run];
            values[written++] = (end - run) * scale;
            run = end;
        }

        return written;
    }

    private static int RunEnd(Span<int> sorted, int start)
    {
        var end = start + 1;
        while (end < sorted.Length && sorted[end] == sorted[start])
        {
            end++;
        }

        return end;
    }

    /// <summary>
    /// Words are runs of letters, digits, apostrophes and hyphens; every other visible character (a quote mark,
    /// a question mark) is a word of its own. Each n-gram's slot is written to <paramref name="slots"/>.
    /// </summary>
    private int WordSlots(ReadOnlySpan<char> text, int[] slots)
    {
        var maxLength = Settings.WordNgramLength;
        if (maxLength == 0)
        {
            return 0;
        }

        Span<Range> recent = stackalloc Range[maxLength];
        var count = 0;
        var words = 0;
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            if (IsWordChar(text[i]))
            {
                while (i < text.Length && IsWordChar(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            // The n-grams that end with this word: the word itself, then with 1, 2, ... words before it.
            recent[words++ % maxLength] = start..i;
            for (var n = 1; n <= Math.Min(words, maxLength); n++)
            {
                var hash = WordSeed;
                for (var k = words - n; k < words; k++)
                {
                    if (k > words - n)
                    {
                        hash = Step(hash, Separator);
                    }

                    foreach (var c in text[recent[k % maxLength]])
                    {
                        hash = Step(hash, c);
                    }
                }

                slots[count++] = Slot(hash);
            }
        }

        return count;
    }

    /// <summary>Character n-grams of the text with a space added at each end, so that word edges count.</summary>
    private int CharSlots(ReadOnlySpan<char> text, int[] slots)
    {
        var length = Settings.CharNgramLength;
        if (length == 0)
        {
            return 0;
        }

        var count = 0;
        for (var start = -1; start + length <= text.Length + 1; start++)
        {
            var hash = CharSeed;
            for (var k = start; k < start + length; k++)
            {
                hash = Step(hash, k < 0 || k >= text.Length ? ' ' : text[k]);
            }

            slots[count++] = Slot(hash);
        }

        return count;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '\'' or '-' || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark;

    // FNV-1a over UTF-16 code units.
    private static uint Step(uint hash, char c) => (hash ^ c) * 16777619;

    // MurmurHash3's finaliser spreads FNV's bits before the low ones pick the slot.
    private int Slot(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return (int)(hash & (uint)(Dimensions - 1));
    }
}
