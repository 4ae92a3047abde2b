using Claims.Inference;

namespace Claims.Tests;

public sealed class SentenceSplitterSpecs
{
    private static IEnumerable<string> Split(string text) => SentenceSplitter.Default.Split(text).Select(s => s.Text);

    [Fact]
    public void Splitter_ends_sentences_at_a_stop_followed_by_a_capital()
    {
        Assert.Equal(["Troops advanced.", "Officials confirmed it!", "Was it true?"], Split("Troops advanced. Officials confirmed it! Was it true?"));
    }

    [Fact]
    public void Splitter_keeps_military_titles_inside_a_sentence()
    {
        Assert.Equal(
            ["Maj. Gen. Pat Ryder spoke to Lt. Col. Ann Lee and Sgt. Bo Kim.", "They met."],
            Split("Maj. Gen. Pat Ryder spoke to Lt. Col. Ann Lee and Sgt. Bo Kim. They met."));
    }

    [Fact]
    public void Splitter_keeps_initialisms_and_dates_inside_a_sentence()
    {
        Assert.Equal(
            ["U.S. officials said on Dec. 26 that the U.N. team left on Sept. 9, 2018 with Dr. Ng.", "Next."],
            Split("U.S. officials said on Dec. 26 that the U.N. team left on Sept. 9, 2018 with Dr. Ng. Next."));
    }

    [Fact]
    public void Splitter_keeps_a_quotation_whole_when_it_goes_on_after_a_stop()
    {
        Assert.Equal(
            ["\"We are ready. They are not,\" he said.", "Then he left."],
            Split("\"We are ready. They are not,\" he said. Then he left."));
        Assert.Equal(
            ["He said: \u201CWe won.\u201D", "Then he left."],
            Split("He said: \u201CWe won.\u201D Then he left."));
    }

    [Fact]
    public void Splitter_treats_every_line_as_its_own_sentence()
    {
        Assert.Equal(["Avatar", "Reporter", "2 min read", "Read more"], Split("Avatar\nReporter\r\n\n2 min read\n  Read more  \n"));
    }

    [Fact]
    public void Splitter_drops_markup_lines()
    {
        Assert.Equal(["Before.", "After."], Split("Before.\n<image>data:image/png;base64,AAAA</image>\nAfter."));
    }

    [Fact]
    public void Splitter_does_not_split_decimals_or_lower_case_continuations()
    {
        Assert.Equal(["About 11.5 km. of road was hit, e.g. the bridge."], Split("About 11.5 km. of road was hit, e.g. the bridge."));
    }

    [Fact]
    public void Sentences_keep_their_article_id_index_and_offsets()
    {
        const string text = "First one.  Second one.\nThird";
        var sentences = SentenceSplitter.Default.Split(text, "a1");
        Assert.Equal(
            [new Sentence("a1", 0, 0, 10, "First one."), new Sentence("a1", 1, 12, 23, "Second one."), new Sentence("a1", 2, 24, 29, "Third")],
            sentences);
    }

    [Fact]
    public void Splitter_returns_nothing_for_blank_text()
    {
        Assert.Empty(Split(" \n\t\n"));
    }

    public static TheoryData<string> Seeds() => new(Directory.GetFiles(Repository.SeedsDirectory, "*.txt").Select(Path.GetFileName).Order()!);

    // The expected lists were written by reading each seed article, sentence by sentence.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Splitter_gives_the_sentences_a_reader_sees_in_each_seed(string seed)
    {
        var text = File.ReadAllText(Path.Combine(Repository.SeedsDirectory, seed));
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Expected", Path.ChangeExtension(seed, ".sentences.txt")));

        var sentences = SentenceSplitter.Default.Split(text, seed);

        Assert.Equal(expected, sentences.Select(s => s.Text));
        Assert.All(sentences, s => Assert.Equal(s.Text, text[s.Start..s.End]));
        Assert.Equal(Enumerable.Range(0, sentences.Count), sentences.Select(s => s.Index));
    }
}
