using Claims.Training.Data;

namespace Claims.Tests;

public sealed class DataCheckSpecs
{
    private const string Header = "id,text,claim_type,stance,source\n";

    [Fact]
    public void Data_check_passes_clean_data()
    {
        using var dir = new TempDirectory();
        dir.File("authored/a.csv", Header + "a1,Forty soldiers were killed near the river.,casualty_claim,support,s1\na2,The ministry declined to comment.,diplomatic_statement,neutral,s1\n");

        var (sentences, problems) = DataCheck.Run(dir.Path, DataMinimums.None);

        Assert.Equal(2, sentences.Count);
        Assert.Empty(problems);
    }

    [Fact]
    public void Data_check_reports_exact_and_near_duplicates_with_both_places()
    {
        using var dir = new TempDirectory();
        var a = dir.File("a.csv", Header + "a1,Forty soldiers were killed near the river on Monday morning.,casualty_claim,support,s1\n");
        var b = dir.File("b.csv", Header + "b1,Forty soldiers were killed near the river on Monday morning,casualty_claim,support,s2\nb2,forty  SOLDIERS were killed near the river on Monday morning.,casualty_claim,report,s2\n");

        var (_, problems) = DataCheck.Run(dir.Path, DataMinimums.None);

        Assert.Equal([$"{b}:2", $"{b}:3"], problems.Select(p => p.Location.ToString()));
        Assert.All(problems, p => Assert.Contains($"{a}:2", p.Message));
    }

    [Fact]
    public void Data_check_flags_a_seed_sentence_copied_into_authored_data()
    {
        using var dir = new TempDirectory();
        dir.File(TrainingData.SeedFileName, Header + "s1,The Kremlin declined to comment on the allegations today.,diplomatic_statement,neutral,000.txt\n");
        var authored = dir.File("authored/x.csv", Header + "x1,The Kremlin declined to comment on the allegations today.,diplomatic_statement,neutral,x\n");

        var (_, problems) = DataCheck.Run(dir.Path, DataMinimums.None);

        var problem = Assert.Single(problems);
        Assert.Equal($"{authored}:2", problem.Location.ToString());
        Assert.Contains("seed sentence", problem.Message);
    }

    [Fact]
    public void Data_check_reports_each_label_below_its_minimum()
    {
        using var dir = new TempDirectory();
        dir.File("a.csv", Header + "a1,One.,other,neutral,s\n");

        var (_, problems) = DataCheck.Run(dir.Path, DataMinimums.Project);

        Assert.Contains(problems, p => p.Message == "1 authored sentences, fewer than the minimum 3000");
        Assert.Contains(problems, p => p.Message == "0 authored sentences of claim type casualty_claim, fewer than the minimum 450");
        Assert.Contains(problems, p => p.Message == "0 authored sentences of stance deny, fewer than the minimum 300");
        Assert.DoesNotContain(problems, p => p.Message.Contains("stance support"));
    }
}
