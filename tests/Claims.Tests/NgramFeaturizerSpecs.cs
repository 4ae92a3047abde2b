using Claims.Inference;

namespace Claims.Tests;

public sealed class NgramFeaturizerSpecs
{
    private static readonly NgramFeaturizer WordsOnly = new(new NgramManifest(1 << 16, 2, 0));
    private static readonly NgramFeaturizer CharsOnly = new(new NgramManifest(1 << 16, 0, 4));
    private static readonly NgramFeaturizer Both = new(new NgramManifest(1 << 16, 2, 4));

    [Fact]
    public void Words_and_word_pairs_are_counted_and_scaled_to_unit_length()
    {
        var (_, values) = WordsOnly.FeaturizeSparse("troops killed troops");

        // troops (twice), killed, "troops killed", "killed troops": counts 2, 1, 1, 1.
        var nonZero = values.OrderDescending().ToArray();
        Assert.Equal(4, nonZero.Length);
        Assert.Equal(2 / MathF.Sqrt(7), nonZero[0], 1e-6f);
        Assert.All(nonZero[1..], v => Assert.Equal(1 / MathF.Sqrt(7), v, 1e-6f));
    }

    [Fact]
    public void Word_order_changes_the_pairs_but_not_the_words()
    {
        var forward = Slots(WordsOnly, "army denied");
        var backward = Slots(WordsOnly, "denied army");

        Assert.Equal(2, forward.Intersect(backward).Count());
        Assert.Equal(3, forward.Count);
    }

    [Fact]
    public void Quote_and_question_marks_are_words_of_their_own()
    {
        // Words: the quote mark (twice), denied, ?; pairs: `" denied`, `denied "`, `" ?`.
        Assert.Equal(6, Slots(WordsOnly, "\"denied\" ?").Count);
        Assert.Contains(Slots(WordsOnly, "?").Single(), Slots(WordsOnly, "denied?"));
    }

    [Fact]
    public void Character_ngrams_include_the_word_edges()
    {
        // " war", "war " and nothing else: the text is padded with a space at each end.
        Assert.Equal(2, Slots(CharsOnly, "war").Count);
        Assert.Equal(1, CharsOnly.FeaturizeSparse("war").Values.Sum(v => v * v), 1e-6f);
    }

    [Fact]
    public void Each_block_has_unit_length_so_the_vector_has_squared_length_two()
    {
        var (_, values) = Both.FeaturizeSparse("at least 00 soldiers were killed, officials said.");

        Assert.Equal(2, values.Sum(v => v * v), 0.05f);
    }

    [Fact]
    public void Empty_text_has_no_features()
    {
        Assert.Equal(0, Both.Featurize("", new long[2], new float[2]));
    }

    [Fact]
    public void The_same_text_always_gets_the_same_slots_inside_the_vector()
    {
        var text = "москва заявила \U0001F4A5 - \"00 000\" troops?";
        var slots = new long[Both.MaxFeatures(text.Length)];
        var values = new float[slots.Length];
        var count = Both.Featurize(text, slots, values);

        Assert.InRange(count, 1, slots.Length);
        Assert.All(slots[..count], s => Assert.InRange(s, 0, Both.Dimensions - 1));
        var (first, second) = (Both.FeaturizeSparse(text), Both.FeaturizeSparse(text));
        Assert.Equal(first.Slots, second.Slots);
        Assert.Equal(first.Values, second.Values);
    }

    [Theory]
    [InlineData(1000, 2, 4)]
    [InlineData(1024, 0, 0)]
    [InlineData(1024, 9, 4)]
    public void Bad_settings_are_refused(int dimensions, int words, int chars)
    {
        Assert.Throws<ArgumentException>(() => new NgramFeaturizer(new NgramManifest(dimensions, words, chars)));
    }

    private static HashSet<int> Slots(NgramFeaturizer featurizer, string text) =>
        featurizer.FeaturizeSparse(text).Slots.ToHashSet();
}
