namespace Claims.Training.Evaluation;

/// <summary>Precision, recall and F1 of one label.</summary>
/// <param name="Precision">Of the sentences given this label, the share that have it.</param>
/// <param name="Recall">Of the sentences that have this label, the share given it.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="Support">How many sentences have this label.</param>
public sealed record LabelMetrics(double Precision, double Recall, double F1, int Support);

/// <summary>How well one head did: accuracy, macro-F1, per-label scores and the confusion matrix.</summary>
/// <param name="Accuracy">Share of sentences labeled right.</param>
/// <param name="MacroF1">Unweighted mean F1 over the labels that occur in the gold or the predicted labels.</param>
/// <param name="PerLabel">Scores of each label.</param>
/// <param name="Confusion">Counts by gold label (outer key) and predicted label (inner key).</param>
public sealed record ClassificationMetrics(
    double Accuracy,
    double MacroF1,
    IReadOnlyDictionary<string, LabelMetrics> PerLabel,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Confusion)
{
    /// <summary>Compares gold labels with predicted ones.</summary>
    /// <param name="labels">Every label of the head, in the order the output lists them.</param>
    /// <param name="gold">The right labels.</param>
    /// <param name="predicted">The model's labels, in the same order.</param>
    public static ClassificationMetrics Compute(IReadOnlyList<string> labels, IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException($"{gold.Count} gold labels but {predicted.Count} predictions.", nameof(predicted));
        }

        var confusion = labels.ToDictionary(g => g, g => labels.ToDictionary(p => p, p => 0));
        for (var i = 0; i < gold.Count; i++)
        {
            confusion[gold[i]][predicted[i]]++;
        }

        var perLabel = labels.ToDictionary(label => label, label =>
        {
            var truePositives = confusion[label][label];
            var support = confusion[label].Values.Sum();
            var predictedCount = labels.Sum(g => confusion[g][label]);
            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new LabelMetrics(precision, recall, f1, support);
        });

        var occurring = labels.Where(l => perLabel[l].Support > 0 || labels.Any(g => confusion[g][l] > 0)).ToList();
        return new ClassificationMetrics(
            gold.Count == 0 ? 0 : (double)labels.Sum(l => confusion[l][l]) / gold.Count,
            occurring.Count == 0 ? 0 : occurring.Average(l => perLabel[l].F1),
            perLabel,
            confusion.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value));
    }
}
