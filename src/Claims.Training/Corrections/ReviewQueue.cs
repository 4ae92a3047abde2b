using System.Globalization;
using Claims.Inference;
using Claims.Training.Data;

namespace Claims.Training.Corrections;

/// <summary>
/// Picks the sentences most worth a human look: the smallest margin between the two most probable labels,
/// across both heads, first.
/// </summary>
public static class ReviewQueue
{
    /// <summary>The review file's columns after the training schema.</summary>
    public static IReadOnlyList<string> ExtraColumns { get; } = ["claim_type_confidence", "stance_confidence", "note"];

    /// <summary>How unsure the model is of a prediction: the smaller of the two heads' top-two margins.</summary>
    public static float Margin(Prediction p) => Math.Min(TopTwoMargin(p.ClaimTypeProbabilities.Values), TopTwoMargin(p.StanceProbabilities.Values));

    /// <summary>The <paramref name="top"/> least certain sentences, as labeled rows pre-filled with the predicted labels.</summary>
    public static IReadOnlyList<(LabeledSentence Sentence, Prediction Prediction)> Select(IEnumerable<SentencePrediction> scored, int top) =>
        scored.OrderBy(s => Margin(s.Prediction)).ThenBy(s => s.Sentence.ArticleId, StringComparer.Ordinal).ThenBy(s => s.Sentence.Index)
            .Take(top)
            .Select(s => (new LabeledSentence(
                Id(s.Sentence), s.Sentence.Text, s.Prediction.ClaimType, s.Prediction.Stance, s.Sentence.ArticleId, new DataLocation(s.Sentence.ArticleId, 0)), s.Prediction))
            .ToList();

    /// <summary>Writes the review file: training schema, confidences and an empty note column.</summary>
    public static void Write(string path, IReadOnlyList<(LabeledSentence Sentence, Prediction Prediction)> rows, bool byteOrderMark) =>
        LabeledSentenceWriter.Write(
            path,
            rows.Select(r => (r.Sentence, new[] { Format(r.Prediction.ClaimTypeConfidence), Format(r.Prediction.StanceConfidence), "" })),
            ExtraColumns,
            byteOrderMark);

    // Stable ids: the article's file name and the sentence index, so that a review of the same article twice agrees.
    private static string Id(Sentence s) =>
        $"review-{Path.GetFileNameWithoutExtension(s.ArticleId)}-{s.Index.ToString("000", CultureInfo.InvariantCulture)}";

    private static float TopTwoMargin(IEnumerable<float> probabilities)
    {
        var top = probabilities.OrderDescending().Take(2).ToArray();
        return top[0] - top[1];
    }

    private static string Format(float value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);
}
