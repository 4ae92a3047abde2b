using Claims.Inference;
using Claims.Training.Data;
using Claims.Training.Evaluation;

namespace Claims.Training.Modeling;

/// <summary>
/// Builds a shippable model folder from a data folder: held-out evaluations, calibration fitted on held-out
/// predictions, training on all the data, ONNX export, and the external benchmark on the exported model.
/// </summary>
public static class ModelBuilder
{
    /// <summary>The accuracy that predictions not flagged uncertain should reach on held-out data.</summary>
    public const double UncertainTargetAccuracy = 0.9;

    /// <summary>Builds one profile's model into <paramref name="directory"/> and returns its manifest.</summary>
    /// <param name="data">The labeled data.</param>
    /// <param name="profile">The profile's name, for the manifest and the commands it records.</param>
    /// <param name="options">The profile's features and trainer.</param>
    /// <param name="embeddings">The sentence encoder, when the options use it.</param>
    /// <param name="directory">The model folder to write.</param>
    /// <param name="emergentPath">The Emergent test split, or <c>null</c> to skip the benchmark.</param>
    /// <param name="evaluate">False skips the held-out evaluations and calibration (faster, an uncalibrated card).</param>
    /// <param name="log">Where progress goes.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    public static ModelManifest Build(
        TrainingData data, string profile, TrainingOptions options, EmbeddingCache? embeddings, string directory, string? emergentPath, bool evaluate, TextWriter log, CancellationToken cancellationToken = default)
    {
        var card = new ModelCard(data.Sha256, $"claims train --profile {profile}");
        if (evaluate)
        {
            card = Evaluate(data, profile, options, embeddings, card, log, cancellationToken);
        }

        var model = ClaimModel.Train(data.Sentences, options, embeddings, cancellationToken);
        var manifest = model.Export(directory, card);
        if (emergentPath is not null && File.Exists(emergentPath))
        {
            var (headlines, metrics) = EmergentBenchmark.Evaluate(directory, emergentPath, cancellationToken);
            manifest = manifest with { Emergent = new BenchmarkSummary(headlines, Math.Round(metrics.Accuracy, 4), Math.Round(metrics.MacroF1, 4), $"claims emergent --profile {profile}") };
            manifest.Save(directory);
            log.WriteLine($"  Emergent stance (zero-shot): accuracy {metrics.Accuracy:0.000}, macro-F1 {metrics.MacroF1:0.000}");
        }

        return manifest;
    }

    private static ModelCard Evaluate(TrainingData data, string profile, TrainingOptions options, EmbeddingCache? embeddings, ModelCard card, TextWriter log, CancellationToken cancellationToken)
    {
        var command = $"claims crossval --profile {profile}";
        var seeds = CrossValidation.LeaveOneArticleOut(data, options, embeddings, cancellationToken: cancellationToken);
        log.WriteLine($"  seeds, leave one article out: claim type macro-F1 {seeds.Pooled.ClaimType.MacroF1:0.000}, stance macro-F1 {seeds.Pooled.Stance.MacroF1:0.000}");
        var metrics = new Dictionary<string, EvaluationSummary> { ["seeds_leave_one_article_out"] = seeds.Pooled.Summary(command) };
        if (data.Sentences.Count == data.Seeds.Count)
        {
            return card with { Metrics = metrics };
        }

        var grouped = CrossValidation.GroupedKFold(data, options: options, embeddings: embeddings, cancellationToken: cancellationToken);
        log.WriteLine($"  authored data, grouped 5-fold: claim type macro-F1 {grouped.Pooled.ClaimType.MacroF1:0.000}, stance macro-F1 {grouped.Pooled.Stance.MacroF1:0.000}");
        metrics["authored_grouped_5_fold"] = grouped.Pooled.Summary(command);

        // Temperatures and thresholds are fitted on the grouped folds and measured on the seeds, which they never saw.
        var calibration = new Dictionary<string, CalibrationSummary>
        {
            ["claim_type"] = Calibrate(Head.ClaimType, grouped, seeds),
            ["stance"] = Calibrate(Head.Stance, grouped, seeds),
        };
        foreach (var (head, c) in calibration)
        {
            log.WriteLine($"  {head}: temperature {c.Temperature:0.00}, seeds ECE {c.EceBefore:0.000} -> {c.EceAfter:0.000}; uncertain below {c.UncertainBelow:0.00} flags {c.ShareFlagged:P0}, accuracy kept {c.AccuracyKept:0.000} vs {c.AccuracyAll:0.000}");
        }

        return card with { Metrics = metrics, Calibration = calibration };
    }

    private static CalibrationSummary Calibrate(Head head, CrossValidationResult fitOn, CrossValidationResult measureOn)
    {
        var temperature = Calibration.FitTemperature(fitOn.HeldOut, head);
        var threshold = Calibration.ChooseThreshold(Calibration.Rescaled(fitOn.HeldOut, head, temperature), UncertainTargetAccuracy).Threshold;
        var before = Calibration.Measure(Calibration.Outcomes(measureOn.HeldOut, head));
        var after = Calibration.Rescaled(measureOn.HeldOut, head, temperature);
        var kept = after.Where(o => o.Confidence >= threshold).ToList();
        return new CalibrationSummary(
            Math.Round(temperature, 2),
            Math.Round(before.ExpectedCalibrationError, 4),
            Math.Round(Calibration.Measure(after).ExpectedCalibrationError, 4),
            threshold,
            Math.Round(kept.Count == 0 ? 0 : kept.Average(o => o.Correct ? 1.0 : 0.0), 4),
            Math.Round(after.Average(o => o.Correct ? 1.0 : 0.0), 4),
            Math.Round(1 - ((double)kept.Count / after.Count), 4));
    }
}
