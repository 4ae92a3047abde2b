using Claims.Inference;
using Claims.Training.Data;

namespace Claims.Training.Evaluation;

/// <summary>One bin of a reliability table: predictions whose confidence falls in [Lower, Upper).</summary>
/// <param name="Lower">Lowest confidence in the bin.</param>
/// <param name="Upper">Upper end of the bin.</param>
/// <param name="Count">Predictions in the bin.</param>
/// <param name="MeanConfidence">Their mean confidence.</param>
/// <param name="Accuracy">The share of them that are right.</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>How well confidences match accuracy.</summary>
/// <param name="ExpectedCalibrationError">The count-weighted mean gap between confidence and accuracy over the bins.</param>
/// <param name="Bins">The reliability table.</param>
public sealed record CalibrationReport(double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins);

/// <summary>The confidence below which a head's predictions are flagged uncertain, and what that buys on held-out data.</summary>
/// <param name="Threshold">Confidence below which a prediction is flagged.</param>
/// <param name="AccuracyAbove">Accuracy of the predictions not flagged.</param>
/// <param name="AccuracyAll">Accuracy of all predictions.</param>
/// <param name="ShareFlagged">Share of predictions flagged.</param>
public sealed record UncertaintyThreshold(double Threshold, double AccuracyAbove, double AccuracyAll, double ShareFlagged);

/// <summary>
/// Calibration of confidences: expected calibration error, temperature scaling fitted on held-out predictions,
/// and the choice of the threshold for <see cref="Prediction.Uncertain"/>.
/// </summary>
public static class Calibration
{
    /// <summary>The held-out confidence and correctness of one head's predictions.</summary>
    public static IReadOnlyList<(double Confidence, bool Correct)> Outcomes(IReadOnlyList<(LabeledSentence Gold, Prediction Predicted)> heldOut, Head head) =>
        heldOut.Select(h => head == Head.ClaimType
            ? ((double)h.Predicted.ClaimTypeConfidence, h.Predicted.ClaimType == h.Gold.ClaimType)
            : ((double)h.Predicted.StanceConfidence, h.Predicted.Stance == h.Gold.Stance)).ToList();

    /// <summary>Expected calibration error over equal-width confidence bins, and the reliability table.</summary>
    public static CalibrationReport Measure(IReadOnlyList<(double Confidence, bool Correct)> outcomes, int bins = 10)
    {
        var table = Enumerable.Range(0, bins).Select(b =>
        {
            var (lower, upper) = ((double)b / bins, (double)(b + 1) / bins);
            var inBin = outcomes.Where(o => o.Confidence >= lower && (o.Confidence < upper || (b == bins - 1 && o.Confidence <= upper))).ToList();
            return new ReliabilityBin(lower, upper, inBin.Count, inBin.Count == 0 ? 0 : inBin.Average(o => o.Confidence), inBin.Count == 0 ? 0 : inBin.Average(o => o.Correct ? 1.0 : 0.0));
        }).ToList();
        var ece = outcomes.Count == 0 ? 0 : table.Sum(b => b.Count * Math.Abs(b.MeanConfidence - b.Accuracy)) / outcomes.Count;
        return new CalibrationReport(ece, table);
    }

    /// <summary>
    /// The temperature T that minimises the negative log-likelihood of the gold labels when probabilities are
    /// raised to 1/T and renormalised (a grid search from 0.25 to 5).
    /// </summary>
    public static double FitTemperature(IReadOnlyList<(LabeledSentence Gold, Prediction Predicted)> heldOut, Head head)
    {
        var cases = heldOut.Select(h => Vector(h, head)).ToList();
        return Enumerable.Range(5, 96).Select(i => i * 0.05)
            .MinBy(t => cases.Sum(c => -Math.Log(Math.Max(Probabilities.Scale(c.Probabilities, t)[c.Gold], 1e-12))));
    }

    /// <summary>The held-out predictions with a head's temperature applied, as the shipped classifier would give them.</summary>
    public static IReadOnlyList<(double Confidence, bool Correct)> Rescaled(IReadOnlyList<(LabeledSentence Gold, Prediction Predicted)> heldOut, Head head, double temperature) =>
        heldOut.Select(h =>
        {
            var (probabilities, gold, predicted) = Vector(h, head);
            return (Probabilities.Scale(probabilities, temperature)[predicted], gold == predicted);
        }).ToList();

    /// <summary>
    /// The lowest confidence threshold at which the predictions kept reach <paramref name="targetAccuracy"/>
    /// (at most half of them flagged); 0 when all predictions already reach it.
    /// </summary>
    public static UncertaintyThreshold ChooseThreshold(IReadOnlyList<(double Confidence, bool Correct)> outcomes, double targetAccuracy)
    {
        double Accuracy(IEnumerable<(double Confidence, bool Correct)> o) => o.DefaultIfEmpty().Average(x => x.Correct ? 1.0 : 0.0);
        var all = Accuracy(outcomes);
        foreach (var threshold in Enumerable.Range(0, 100).Select(i => i / 100.0))
        {
            var kept = outcomes.Where(o => o.Confidence >= threshold).ToList();
            var share = 1 - ((double)kept.Count / outcomes.Count);
            if (share > 0.5)
            {
                break;
            }

            if (Accuracy(kept) >= targetAccuracy)
            {
                return new UncertaintyThreshold(threshold, Accuracy(kept), all, share);
            }
        }

        var half = outcomes.Select(o => o.Confidence).Order().ElementAt(outcomes.Count / 2);
        var keptHalf = outcomes.Where(o => o.Confidence >= half).ToList();
        return new UncertaintyThreshold(half, Accuracy(keptHalf), all, 1 - ((double)keptHalf.Count / outcomes.Count));
    }

    // One head's probabilities in the guide's label order, with the index of the gold and of the predicted label.
    private static (double[] Probabilities, int Gold, int Predicted) Vector((LabeledSentence Gold, Prediction Predicted) h, Head head) => head == Head.ClaimType
        ? (Labels.ClaimTypes.Select(c => (double)h.Predicted.ClaimTypeProbabilities[c]).ToArray(), Labels.ClaimTypes.ToList().IndexOf(h.Gold.ClaimType), Labels.ClaimTypes.ToList().IndexOf(h.Predicted.ClaimType))
        : (Labels.Stances.Select(s => (double)h.Predicted.StanceProbabilities[s]).ToArray(), Labels.Stances.ToList().IndexOf(h.Gold.Stance), Labels.Stances.ToList().IndexOf(h.Predicted.Stance));
}

/// <summary>One of the model's two heads.</summary>
public enum Head
{
    /// <summary>The claim-type head.</summary>
    ClaimType,

    /// <summary>The stance head.</summary>
    Stance,
}
