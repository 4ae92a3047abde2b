using Claims.Inference;
using Claims.Training.Data;

namespace Claims.Training.Evaluation;

/// <summary>The metrics of both heads on one set of labeled sentences.</summary>
/// <param name="N">How many sentences were scored.</param>
/// <param name="ClaimType">Claim-type head.</param>
/// <param name="Stance">Stance head.</param>
public sealed record EvaluationReport(int N, ClassificationMetrics ClaimType, ClassificationMetrics Stance)
{
    /// <summary>Compares labeled sentences with the labels predicted for them, in the same order.</summary>
    public static EvaluationReport Compute(IReadOnlyList<LabeledSentence> gold, IReadOnlyList<Prediction> predicted) => new(
        gold.Count,
        ClassificationMetrics.Compute(Labels.ClaimTypes.Select(c => c.Name()).ToList(), gold.Select(g => g.ClaimType.Name()).ToList(), predicted.Select(p => p.ClaimType.Name()).ToList()),
        ClassificationMetrics.Compute(Labels.Stances.Select(s => s.Name()).ToList(), gold.Select(g => g.Stance.Name()).ToList(), predicted.Select(p => p.Stance.Name()).ToList()));

    /// <summary>The headline numbers, for the model card.</summary>
    public EvaluationSummary Summary(string command) =>
        new(N, Round(ClaimType.Accuracy), Round(ClaimType.MacroF1), Round(Stance.Accuracy), Round(Stance.MacroF1), command);

    private static double Round(double value) => Math.Round(value, 4);
}
