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
    /// (the other seeds and all authored data) and score that article. Returns the pooled report and one per article.
    /// </summary>
    public static CrossValidationResult LeaveOneArticleOut(
        TrainingData data, TrainingOptions? options = null, EmbeddingCache? embeddings = null, bool includeAuthored = true, CancellationToken cancellationToken = default)
    {
        var seeds = data.Seeds;
        var rest = includeAuthored ? data.Sentences.Except(seeds).ToList() : [];
        return HoldOut(seeds.GroupBy(s => s.Source).ToDictionary(g => g.Key, g => (IReadOnlyList<LabeledSentence>)g.ToList()), rest, options, embeddings, cancellationToken);
    }

    /// <summary>
    /// Grouped k-fold over the authored data (seeds excluded): every sentence of one source lands in the same fold,
    /// so a story's wording never helps to score the same story.
    /// </summary>
    public static CrossValidationResult GroupedKFold(
        TrainingData data, int folds = 5, TrainingOptions? options = null, EmbeddingCache? embeddings = null, CancellationToken cancellationToken = default)
    {
        var seeds = data.Seeds.ToHashSet();
        var authored = data.Sentences.Where(s => !seeds.Contains(s)).ToList();

        // Sources are dealt to folds in a stable order of their hash, not their name, so that folds mix conflicts.
        var foldOf = authored.Select(s => s.Source).Distinct()
            .OrderBy(s => StableHash(s)).ThenBy(s => s, StringComparer.Ordinal)
            .Select((source, i) => (source, fold: i % folds))
            .ToDictionary(x => x.source, x => $"fold{x.fold + 1}");
        var groups = authored.GroupBy(s => foldOf[s.Source]).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LabeledSentence>)g.ToList());
        return HoldOut(groups, [], options, embeddings, cancellationToken);
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
            var training = alwaysTrain.Concat(groups.Where(g => g.Key != name).SelectMany(g => g.Value)).ToList();
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
