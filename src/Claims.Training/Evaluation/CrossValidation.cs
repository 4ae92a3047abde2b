using Claims.Training.Data;
using Claims.Training.Modeling;

namespace Claims.Training.Evaluation;

/// <summary>The outcome of a held-out evaluation.</summary>
/// <param name="Pooled">All held-out predictions together.</param>
/// <param name="PerGroup">One report per held-out group (article or fold).</param>
/// <param name="HeldOut">Every held-out sentence with the prediction of the model that did not see it.</param>
public sealed record CrossValidationResult(
    EvaluationReport Pooled,
    IReadOnlyDictionary<string, EvaluationReport> PerGroup,
    IReadOnlyList<(LabeledSentence Gold, Inference.Prediction Predicted)> HeldOut);

/// <summary>
/// Evaluations in which no sentence is scored by a model that saw its article: the scored group is always
/// held out of the training.
/// </summary>
public static class CrossValidation
{
    /// <summary>
    /// Leave one article out over the seeds: for each seed article, train on everything else in the data
    /// (the other seeds, the authored data and kept corrections) and score that article.
    /// </summary>
    public static CrossValidationResult LeaveOneArticleOut(
        TrainingData data, TrainingOptions? options = null, EmbeddingCache? embeddings = null, bool includeAuthored = true, CancellationToken cancellationToken = default)
    {
        return LeaveOneArticleOut(data.Seeds, includeAuthored ? data.WithoutSeeds : [], options, embeddings, cancellationToken);
    }

    /// <summary>Leave one article out over <paramref name="seeds"/>, with <paramref name="alwaysTrain"/> in every training set.</summary>
    public static CrossValidationResult LeaveOneArticleOut(
        IReadOnlyList<LabeledSentence> seeds, IReadOnlyList<LabeledSentence> alwaysTrain, TrainingOptions? options = null, EmbeddingCache? embeddings = null, CancellationToken cancellationToken = default) =>
        HoldOut(seeds.GroupBy(s => s.Source).ToDictionary(g => g.Key, g => (IReadOnlyList<LabeledSentence>)g.ToList()), alwaysTrain, options, embeddings, cancellationToken);

    /// <summary>
    /// Grouped k-fold over the training set without the seeds: every sentence of one source lands in the same
    /// fold, so a story's wording never helps to score the same story.
    /// </summary>
    public static CrossValidationResult GroupedKFold(
        TrainingData data, int folds = 5, TrainingOptions? options = null, EmbeddingCache? embeddings = null, CancellationToken cancellationToken = default)
    {
        return GroupedKFold(data.WithoutSeeds, [], folds, options, embeddings, cancellationToken);
    }

    /// <summary>Grouped k-fold over <paramref name="evaluated"/>, with <paramref name="alwaysTrain"/> in every training set.</summary>
    public static CrossValidationResult GroupedKFold(
        IReadOnlyList<LabeledSentence> evaluated, IReadOnlyList<LabeledSentence> alwaysTrain, int folds = 5, TrainingOptions? options = null, EmbeddingCache? embeddings = null, CancellationToken cancellationToken = default)
    {
        // Sources are dealt to folds in a stable order of their hash, not their name, so that folds mix conflicts.
        var foldOf = evaluated.Select(s => s.Source).Distinct()
            .OrderBy(s => StableHash(s)).ThenBy(s => s, StringComparer.Ordinal)
            .Select((source, i) => (source, fold: i % folds))
            .ToDictionary(x => x.source, x => $"fold{x.fold + 1}");
        var groups = evaluated.GroupBy(s => foldOf[s.Source]).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LabeledSentence>)g.ToList());
        return HoldOut(groups, alwaysTrain, options, embeddings, cancellationToken);
    }

    private static CrossValidationResult HoldOut(
        IReadOnlyDictionary<string, IReadOnlyList<LabeledSentence>> groups, IReadOnlyList<LabeledSentence> alwaysTrain, TrainingOptions? options, EmbeddingCache? embeddings, CancellationToken cancellationToken)
    {
        var perGroup = new Dictionary<string, EvaluationReport>();
        var allGold = new List<LabeledSentence>();
        var allPredicted = new List<Inference.Prediction>();
        foreach (var (name, heldOut) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();

            // No sentence whose text is held out may be trained on, whichever file it came from.
            var heldOutTexts = heldOut.Select(s => Inference.TextNormalizer.Normalize(s.Text)).ToHashSet(StringComparer.Ordinal);
            var training = alwaysTrain.Concat(groups.Where(g => g.Key != name).SelectMany(g => g.Value))
                .Where(s => !heldOutTexts.Contains(Inference.TextNormalizer.Normalize(s.Text)))
                .ToList();
            if (training.Count == 0)
            {
                // A single group has nothing to learn from once it is held out; it is left out of the report.
                continue;
            }

            var model = ClaimModel.Train(training, options, embeddings, cancellationToken);
            var predicted = model.Predict(heldOut.Select(s => s.Text).ToList());
            perGroup[name] = EvaluationReport.Compute(heldOut, predicted);
            allGold.AddRange(heldOut);
            allPredicted.AddRange(predicted);
        }

        return new CrossValidationResult(EvaluationReport.Compute(allGold, allPredicted), perGroup, allGold.Zip(allPredicted).ToList());
    }

    private static uint StableHash(string text)
    {
        // FNV-1a: string.GetHashCode is randomised per process.
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
