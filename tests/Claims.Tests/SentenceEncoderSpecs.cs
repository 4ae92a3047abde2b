using Claims.Inference;

namespace Claims.Tests;

public sealed class SentenceEncoderSpecs
{
    [Theory]
    [InlineData(SentenceEncoder.MiniLmName)]
    [InlineData(SentenceEncoder.ArcticXsName)]
    public void Encoders_give_unit_vectors_in_which_a_paraphrase_is_closer_than_an_unrelated_sentence(string name)
    {
        using var encoder = SentenceEncoder.Load(name);

        var vectors = encoder.Encode(["Thirty soldiers were killed in the attack.", "The assault left 30 troops dead.", "The museum reopens after renovation."]);

        Assert.All(vectors, v => Assert.Equal(1f, MathF.Sqrt(v.Sum(x => x * x)), 1e-4f));
        Assert.All(vectors, v => Assert.Equal(SentenceEncoder.Dimensions, v.Length));
        Assert.True(Cosine(vectors[0], vectors[1]) > Cosine(vectors[0], vectors[2]));
    }

    [Fact]
    public void Batched_embeddings_match_one_sentence_at_a_time_in_input_order()
    {
        using var encoder = SentenceEncoder.LoadMiniLm();
        string[] sentences = ["Short.", "A much longer sentence about troops deployed along the northern border.", "", "Medium length sentence here."];

        var batch = encoder.Encode(sentences);

        for (var i = 0; i < sentences.Length; i++)
        {
            Assert.Equal(encoder.Encode(sentences[i]), batch[i], (a, b) => Math.Abs(a - b) < 1e-4f);
        }
    }

    [Fact]
    public void An_unknown_encoder_is_refused_with_its_name()
    {
        var error = Assert.Throws<InvalidModelException>(() => SentenceEncoder.Load("no-such-encoder"));

        Assert.Equal("no-such-encoder", error.Path);
    }

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
