using Claims.Inference;
using Claims.Training.Data;

namespace Claims.Tests;

public sealed class LabeledSentenceReaderSpecs
{
    [Fact]
    public void Reader_reads_quoted_text_and_optional_source()
    {
        using var dir = new TempDirectory();
        var file = dir.File("a.csv", "id,text,claim_type,stance,source\n1,\"Five killed, \"\"officials\"\" said.\",casualty_claim,report,wire-1\n2,Read more,other,neutral,\n");

        var (sentences, problems) = LabeledSentenceReader.ReadFile(file);

        Assert.Empty(problems);
        Assert.Equal(
            [("1", "Five killed, \"officials\" said.", ClaimType.CasualtyClaim, Stance.Report, "wire-1"), ("2", "Read more", ClaimType.Other, Stance.Neutral, "a")],
            sentences.Select(s => (s.Id, s.Text, s.ClaimType, s.Stance, s.Source)));
    }

    [Fact]
    public void Reader_names_file_and_line_of_an_unknown_label_and_keeps_the_other_rows()
    {
        using var dir = new TempDirectory();
        var file = dir.File("a.csv", "id,text,claim_type,stance\n1,Fine.,other,support\n2,Bad.,casualty,support\n3,\"Multi\nline.\",other,denied\n4,Also fine.,analysis,report\n");

        var (sentences, problems) = LabeledSentenceReader.ReadFile(file);

        Assert.Equal(["1", "4"], sentences.Select(s => s.Id));
        Assert.Collection(
            problems,
            p => Assert.Equal((file, 3L, true), (p.Location.File, p.Location.Line, p.Message.Contains("unknown claim_type 'casualty'"))),
            p => Assert.Equal((file, 4L, true), (p.Location.File, p.Location.Line, p.Message.Contains("unknown stance 'denied'"))));
    }

    [Fact]
    public void Reader_reports_a_missing_column()
    {
        using var dir = new TempDirectory();
        var file = dir.File("a.csv", "id,text,claim_type\n1,Text.,other\n");

        var (_, problems) = LabeledSentenceReader.ReadFile(file);

        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Location.Line);
        Assert.Contains("missing column(s) stance", problem.Message);
    }

    [Fact]
    public void Reader_reports_a_row_with_too_many_fields()
    {
        using var dir = new TempDirectory();
        var file = dir.File("a.csv", "id,text,claim_type,stance\n1,Five killed, officials said.,casualty_claim,report\n2,Fine.,other,neutral\n");

        var (sentences, problems) = LabeledSentenceReader.ReadFile(file);

        Assert.Equal(["2"], sentences.Select(s => s.Id));
        Assert.Equal(2, Assert.Single(problems).Location.Line);
    }

    [Fact]
    public void Reader_reports_empty_text_and_a_file_that_is_not_utf8()
    {
        using var dir = new TempDirectory();
        var empty = dir.File("a.csv", "id,text,claim_type,stance\n1,,other,neutral\n");
        var latin1 = Path.Combine(dir.Path, "b.csv");
        File.WriteAllBytes(latin1, [.. "id,text,claim_type,stance\n1,caf"u8, 0xE9, .. ",other,neutral\n"u8]);

        Assert.Contains("empty text", Assert.Single(LabeledSentenceReader.ReadFile(empty).Problems).Message);
        Assert.Contains("not UTF-8", Assert.Single(LabeledSentenceReader.ReadFile(latin1).Problems).Message);
    }

    [Fact]
    public void Loading_a_data_folder_lists_every_problem_with_file_and_line()
    {
        using var dir = new TempDirectory();
        dir.File("a.csv", "id,text,claim_type,stance\n1,One.,other,neutral\n");
        var second = dir.File("sub/b.csv", "id,text,claim_type,stance\n1,Two.,other,neutral\n2,Three.,nonsense,neutral\n");

        var error = Assert.Throws<InvalidDataFileException>(() => TrainingData.Load(dir.Path));

        Assert.Equal([$"{second}:2", $"{second}:3"], error.Problems.Select(p => p.Location.ToString()).Order());
    }
}
