using Claims.Inference;

namespace Claims.Tests;

public sealed class TextNormalizerSpecs
{
    [Theory]
    [InlineData("Kyiv\u2019s \u201Cfake news\u201D \u2014 denied", "kyiv's \"fake news\" - denied")]
    [InlineData("  At least   30\tkilled\n", "at least 00 killed")]
    [InlineData("11,000 TROOPS", "00,000 troops")]
    [InlineData("\uFB01re at ½ past", "fire at 0\u20440 past")]
    [InlineData("", "")]
    public void Normalizer_folds_case_quotes_dashes_digits_and_space(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalizer_keeps_non_latin_letters()
    {
        Assert.Equal("москва заявила", TextNormalizer.Normalize("Москва заявила"));
    }
}
