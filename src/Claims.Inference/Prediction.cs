namespace Claims.Inference;

/// <summary>The labels the model gives one sentence, with a probability for every label of both heads.</summary>
/// <param name="ClaimType">The most probable claim type.</param>
/// <param name="ClaimTypeConfidence">The probability of <paramref name="ClaimType"/>.</param>
/// <param name="Stance">The most probable stance.</param>
/// <param name="StanceConfidence">The probability of <paramref name="Stance"/>.</param>
/// <param name="ClaimTypeProbabilities">The probability of every claim type; they sum to 1.</param>
/// <param name="StanceProbabilities">The probability of every stance; they sum to 1.</param>
/// <param name="Uncertain">True when either confidence is below the threshold the model card gives for its head.</param>
public sealed record Prediction(
    ClaimType ClaimType,
    float ClaimTypeConfidence,
    Stance Stance,
    float StanceConfidence,
    IReadOnlyDictionary<ClaimType, float> ClaimTypeProbabilities,
    IReadOnlyDictionary<Stance, float> StanceProbabilities,
    bool Uncertain = false)
{
    /// <summary>
    /// The prediction for two probability vectors: the most probable label of each head (ties go to the label
    /// that comes first in the guide's precedence order).
    /// </summary>
    public static Prediction FromProbabilities(IReadOnlyDictionary<ClaimType, float> claimTypes, IReadOnlyDictionary<Stance, float> stances, bool uncertain = false)
    {
        var claimType = Labels.ClaimTypes.MaxBy(c => claimTypes[c]);
        var stance = Labels.Stances.MaxBy(s => stances[s]);
        return new Prediction(claimType, claimTypes[claimType], stance, stances[stance], claimTypes, stances, uncertain);
    }
}

/// <summary>A sentence of an article and the labels the model gave it.</summary>
/// <param name="Sentence">The sentence, with its offsets in the article.</param>
/// <param name="Prediction">Its labels.</param>
public sealed record SentencePrediction(Sentence Sentence, Prediction Prediction);
