using System.Globalization;
using Claims.Inference;
using Claims.Training.Data;
using Claims.Training.Evaluation;
using Claims.Training.Modeling;

namespace Claims.Training.Corrections;

/// <summary>The outcome of a retraining on corrections.</summary>
/// <param name="Accepted">Whether the candidate became the current model.</param>
/// <param name="Before">The current model's numbers.</param>
/// <param name="After">The candidate's numbers, on the same held-out sets.</param>
/// <param name="Drops">Each number that dropped by more than the tolerance, with how much.</param>
/// <param name="CandidateDirectory">Where the candidate is: the archived version when accepted, the candidates folder when refused.</param>
public sealed record RetrainingOutcome(bool Accepted, IReadOnlyDictionary<string, double> Before, IReadOnlyDictionary<string, double> After, IReadOnlyList<string> Drops, string CandidateDirectory);

/// <summary>
/// Retrains on corrected labels and replaces the current model only when the candidate is not worse, by more
/// than a tolerance, on any of the held-out numbers: macro-F1 of both heads on the seeds (leave one article out)
/// and on grouped folds, and the stance head's macro-F1 on Emergent.
/// </summary>
public static class Retraining
{
    /// <summary>The default tolerance: a drop of up to 0.02 macro-F1 is accepted as noise.</summary>
    public const double DefaultTolerance = 0.02;

    /// <summary>Runs the whole gate for one profile.</summary>
    /// <param name="data">The data folder, already holding the new corrections file under <c>corrections/</c>.</param>
    /// <param name="newCorrectionsFile">That file: its corrections are what the candidate adds to the current recipe.</param>
    /// <param name="registry">The profile's model folders.</param>
    /// <param name="options">The profile's training options.</param>
    /// <param name="embeddings">The sentence encoder, when the options use it.</param>
    /// <param name="emergentPath">The Emergent test split, or <c>null</c> to leave it out of the gate.</param>
    /// <param name="tolerance">How far a number may drop.</param>
    /// <param name="force">Accept whatever the gate says (recorded in the manifest).</param>
    /// <param name="correctionFiles">The files the user gave, for the manifest.</param>
    /// <param name="commandLine">The command, for the manifest.</param>
    /// <param name="log">Progress.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    public static RetrainingOutcome Run(
        TrainingData data, string newCorrectionsFile, ModelRegistry registry, TrainingOptions options, EmbeddingCache? embeddings, string? emergentPath,
        double tolerance, bool force, IReadOnlyList<string> correctionFiles, string commandLine, TextWriter log, CancellationToken cancellationToken = default)
    {
        var current = ModelManifest.Load(registry.Current);
        var newFile = Path.GetFullPath(newCorrectionsFile);
        var added = data.Corrections.Where(c => Path.GetFullPath(c.Location.File) == newFile).ToList();
        var addedSet = added.ToHashSet();
        var earlier = data.Corrections.Where(c => !addedSet.Contains(c)).ToList();

        // The current recipe is the data without the new corrections; the candidate's is the data with them.
        // Both are scored on the same held-out sentences with the same gold labels: the corrected data without
        // the seeds and without the new corrections themselves.
        var withoutNew = new CorrectionSet(earlier, []).MergeInto(data.Labeled).Where(s => !TrainingData.IsSeed(s)).ToList();
        var evaluated = data.WithoutSeeds.Where(s => !addedSet.Contains(s)).ToList();

        log.WriteLine($"Measuring the current recipe and the candidate (+{added.Count} corrections) on the same held-out sets...");
        var before = Measure(data.Seeds, withoutNew, evaluated, [], options, embeddings, cancellationToken);
        var after = Measure(data.Seeds, data.WithoutSeeds, evaluated, added, options, embeddings, cancellationToken);

        var candidate = ClaimModel.Train(data.Sentences, options, embeddings, cancellationToken);
        var staging = Path.Combine(registry.ModelsDirectory, "candidates", "staging");
        var manifest = candidate.Export(staging, new ModelCard(data.Sha256, commandLine) { Metrics = current.Metrics, Calibration = current.Calibration });
        if (emergentPath is not null && File.Exists(emergentPath))
        {
            before["emergent_stance_macro_f1"] = Emergent(registry.Current, emergentPath, cancellationToken);
            after["emergent_stance_macro_f1"] = Emergent(staging, emergentPath, cancellationToken);
        }

        var drops = before.Where(b => after[b.Key] < b.Value - tolerance)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key} dropped by {b.Value - after[b.Key]:0.000} ({b.Value:0.000} -> {after[b.Key]:0.000})"))
            .ToList();
        var accepted = drops.Count == 0 || force;
        manifest = manifest with
        {
            ParentVersion = current.Version,
            Retraining = new RetrainingRecord(data.Corrections.Count, correctionFiles, before, after, tolerance, force && drops.Count > 0, commandLine),
        };
        manifest.Save(staging);

        var destination = accepted ? registry.Version(manifest.Version) : registry.Candidate(manifest.Version);
        if (accepted)
        {
            registry.Promote(staging);
            Directory.Delete(staging, recursive: true);
        }
        else
        {
            Directory.Move(staging, destination);
        }

        return new RetrainingOutcome(accepted, before, after, drops, destination);
    }

    private static Dictionary<string, double> Measure(
        IReadOnlyList<LabeledSentence> seeds, IReadOnlyList<LabeledSentence> training, IReadOnlyList<LabeledSentence> evaluated, IReadOnlyList<LabeledSentence> extra,
        TrainingOptions options, EmbeddingCache? embeddings, CancellationToken cancellationToken)
    {
        var loao = CrossValidation.LeaveOneArticleOut(seeds, training, options, embeddings, cancellationToken).Pooled;
        var grouped = CrossValidation.GroupedKFold(evaluated, extra, options: options, embeddings: embeddings, cancellationToken: cancellationToken).Pooled;
        var numbers = new Dictionary<string, double>
        {
            ["seeds_claim_type_macro_f1"] = Math.Round(loao.ClaimType.MacroF1, 4),
            ["seeds_stance_macro_f1"] = Math.Round(loao.Stance.MacroF1, 4),
        };
        if (grouped.N > 0)
        {
            numbers["grouped_claim_type_macro_f1"] = Math.Round(grouped.ClaimType.MacroF1, 4);
            numbers["grouped_stance_macro_f1"] = Math.Round(grouped.Stance.MacroF1, 4);
        }

        return numbers;
    }

    private static double Emergent(string modelDirectory, string path, CancellationToken cancellationToken) =>
        Math.Round(EmergentBenchmark.Evaluate(modelDirectory, path, cancellationToken).Stance.MacroF1, 4);
}
