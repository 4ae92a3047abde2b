using Claims.Inference;

namespace Claims.Server;

/// <summary>The labels of one sentence, as the API returns them.</summary>
/// <param name="Text">The sentence.</param>
/// <param name="ClaimType">Its claim type.</param>
/// <param name="ClaimTypeConfidence">Probability of the claim type.</param>
/// <param name="Stance">Its stance.</param>
/// <param name="StanceConfidence">Probability of the stance.</param>
/// <param name="Uncertain">Whether a confidence is below the model card's threshold.</param>
/// <param name="Probabilities">Every label's probability, per head.</param>
public sealed record SentenceLabels(
    string Text, string ClaimType, float ClaimTypeConfidence, string Stance, float StanceConfidence, bool Uncertain, IReadOnlyDictionary<string, IReadOnlyDictionary<string, float>> Probabilities)
{
    /// <summary>The API form of a prediction.</summary>
    public static SentenceLabels From(string text, Prediction p) => new(
        text,
        p.ClaimType.Name(),
        p.ClaimTypeConfidence,
        p.Stance.Name(),
        p.StanceConfidence,
        p.Uncertain,
        new Dictionary<string, IReadOnlyDictionary<string, float>>
        {
            ["claim_type"] = p.ClaimTypeProbabilities.ToDictionary(kv => kv.Key.Name(), kv => kv.Value),
            ["stance"] = p.StanceProbabilities.ToDictionary(kv => kv.Key.Name(), kv => kv.Value),
        });
}

/// <summary>The answer to <c>POST /v1/classify</c>.</summary>
/// <param name="Predictions">One entry per sentence, in request order.</param>
public sealed record ClassifyResponse(IReadOnlyList<SentenceLabels> Predictions);

/// <summary>One labeled sentence of an article, with its offsets.</summary>
/// <param name="Index">Position among the article's sentences.</param>
/// <param name="Start">Offset of its first character in the article text.</param>
/// <param name="End">Offset just past its last character.</param>
/// <param name="Labels">Its labels.</param>
public sealed record ArticleSentence(int Index, int Start, int End, SentenceLabels Labels);

/// <summary>One article's sentences and labels.</summary>
/// <param name="Id">The id the request gave.</param>
/// <param name="Sentences">Its sentences in order.</param>
public sealed record ArticleResult(string Id, IReadOnlyList<ArticleSentence> Sentences);

/// <summary>The answer to <c>POST /v1/articles</c>.</summary>
/// <param name="Articles">One entry per article, in request order.</param>
public sealed record ArticlesResponse(IReadOnlyList<ArticleResult> Articles);
