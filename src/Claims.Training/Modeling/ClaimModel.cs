using System.Security.Cryptography;
using Claims.Inference;
using Claims.Training.Data;
using Microsoft.ML;

namespace Claims.Training.Modeling;

/// <summary>What a model's manifest says beyond the heads themselves.</summary>
/// <param name="TrainingDataSha256">The hash of the data the heads were trained on.</param>
/// <param name="Command">The command that trained the model.</param>
public sealed record ModelCard(string TrainingDataSha256, string Command)
{
    /// <summary>Held-out evaluation results.</summary>
    public IReadOnlyDictionary<string, EvaluationSummary> Metrics { get; init; } = new Dictionary<string, EvaluationSummary>();

    /// <summary>Calibration per head (<c>claim_type</c>, <c>stance</c>); its temperatures and thresholds go into the heads.</summary>
    public IReadOnlyDictionary<string, CalibrationSummary> Calibration { get; init; } = new Dictionary<string, CalibrationSummary>();
}

/// <summary>The two trained heads in ML.NET form: used to evaluate before export, and exported to a model folder.</summary>
public sealed class ClaimModel
{
    private const string ClaimTypeFile = "claim_type.onnx";
    private const string StanceFile = "stance.onnx";

    private readonly HeadTrainer.TrainedHead _claimType;
    private readonly HeadTrainer.TrainedHead _stance;
    private readonly EmbeddingCache? _embeddings;

    private ClaimModel(HeadTrainer.TrainedHead claimType, HeadTrainer.TrainedHead stance, EmbeddingCache? embeddings, TrainingOptions options, int trainingSentences)
    {
        _claimType = claimType;
        _stance = stance;
        _embeddings = embeddings;
        Options = options;
        TrainingSentences = trainingSentences;
    }

    /// <summary>The options the heads were trained with.</summary>
    public TrainingOptions Options { get; }

    /// <summary>How many sentences the heads were trained on.</summary>
    public int TrainingSentences { get; }

    /// <summary>Trains both heads on labeled sentences. Same data and options, same model.</summary>
    /// <param name="sentences">The labeled sentences.</param>
    /// <param name="options">Features and trainer; <see cref="TrainingOptions.Default"/> when null.</param>
    /// <param name="embeddings">The sentence encoder (behind a cache); required when the options use embeddings.</param>
    /// <param name="cancellationToken">Stops training early.</param>
    public static ClaimModel Train(IReadOnlyList<LabeledSentence> sentences, TrainingOptions? options = null, EmbeddingCache? embeddings = null, CancellationToken cancellationToken = default)
    {
        options ??= TrainingOptions.Default;
        if (options.UsesEmbedding && embeddings is null)
        {
            throw new ArgumentNullException(nameof(embeddings), $"The {options.Features} features need a sentence encoder.");
        }

        var texts = sentences.Select(s => s.Text).ToList();
        var vectors = options.UsesEmbedding ? embeddings!.Get(texts, cancellationToken) : null;

        // One context per head, each with the fixed seed, so that a head does not depend on the other's training.
        var claimType = HeadTrainer.Train(new MLContext(options.Seed), texts, vectors, sentences.Select(s => s.ClaimType.Name()).ToList(), options, cancellationToken);
        var stance = HeadTrainer.Train(new MLContext(options.Seed), texts, vectors, sentences.Select(s => s.Stance.Name()).ToList(), options, cancellationToken);
        return new ClaimModel(claimType, stance, options.UsesEmbedding ? embeddings : null, options, sentences.Count);
    }

    /// <summary>
    /// The probabilities and most probable labels for each sentence, scored by ML.NET: the same numbers the ONNX
    /// export gives before calibration. A label the training data lacked gets probability 0.
    /// </summary>
    public IReadOnlyList<Prediction> Predict(IReadOnlyList<string> sentences)
    {
        var (claimLabels, claimScores) = ScoreClaimType(sentences);
        var (stanceLabels, stanceScores) = ScoreStance(sentences);
        var claimOrder = claimLabels.Select(n => Labels.TryParseClaimType(n, out var c) ? c!.Value : throw new InvalidOperationException($"Unknown label {n}")).ToList();
        var stanceOrder = stanceLabels.Select(n => Labels.TryParseStance(n, out var s) ? s!.Value : throw new InvalidOperationException($"Unknown label {n}")).ToList();
        return claimScores.Zip(stanceScores, (c, s) => Prediction.FromProbabilities(
            Probabilities.ByLabel(c.Select(x => (double)x).ToArray(), claimOrder),
            Probabilities.ByLabel(s.Select(x => (double)x).ToArray(), stanceOrder))).ToList();
    }

    /// <summary>The claim-type head's probability vectors and their label order.</summary>
    public (IReadOnlyList<string> Labels, IReadOnlyList<float[]> Scores) ScoreClaimType(IReadOnlyList<string> sentences) =>
        (_claimType.Labels, _claimType.Score(sentences, _embeddings?.Get(sentences)));

    /// <summary>The stance head's probability vectors and their label order.</summary>
    public (IReadOnlyList<string> Labels, IReadOnlyList<float[]> Scores) ScoreStance(IReadOnlyList<string> sentences) =>
        (_stance.Labels, _stance.Score(sentences, _embeddings?.Get(sentences)));

    /// <summary>
    /// Writes both heads as ONNX files and the manifest (model card) into <paramref name="directory"/>. The files are
    /// written beside it first and moved in, manifest last, so that a failed export leaves a model there untouched.
    /// </summary>
    /// <param name="directory">The model folder; created if needed.</param>
    /// <param name="card">What the manifest says about the data, the evaluations and the calibration.</param>
    public ModelManifest Export(string directory, ModelCard card)
    {
        var staging = $"{Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))}.staging-{Guid.NewGuid():N}";
        try
        {
            var manifest = ExportTo(staging, card);
            Directory.CreateDirectory(directory);
            foreach (var file in new[] { ClaimTypeFile, StanceFile, ModelManifest.FileName })
            {
                File.Move(Path.Combine(staging, file), Path.Combine(directory, file), overwrite: true);
            }

            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private ModelManifest ExportTo(string directory, ModelCard card)
    {
        Directory.CreateDirectory(directory);
        var created = DateTimeOffset.UtcNow;
        var manifest = new ModelManifest
        {
            CreatedAt = created,
            Version = created.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture),
            Profile = Options.UsesEmbedding ? "default" : "fast",
            Encoder = _embeddings is null ? null : new EncoderManifest(_embeddings.Encoder.Name, _embeddings.Encoder.Sha256, SentenceEncoder.Dimensions),
            Ngrams = Options.Ngrams,
            TrainingDataSha256 = card.TrainingDataSha256,
            Metrics = card.Metrics,
            Calibration = card.Calibration,
            Command = card.Command,
            NormalizerVersion = TextNormalizer.Version,
            TrainingSentences = TrainingSentences,
            ClaimType = ExportHead(_claimType, directory, ClaimTypeFile, card.Calibration.GetValueOrDefault("claim_type")),
            Stance = ExportHead(_stance, directory, StanceFile, card.Calibration.GetValueOrDefault("stance")),
        };
        manifest.Save(directory);
        return manifest;
    }

    private static HeadManifest ExportHead(HeadTrainer.TrainedHead head, string directory, string file, CalibrationSummary? calibration)
    {
        var path = Path.Combine(directory, file);
        using (var stream = File.Create(path))
        {
            head.ExportOnnx(stream);
        }

        return new HeadManifest(file, head.Labels, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), calibration?.Temperature ?? 1, calibration?.UncertainBelow ?? 0);
    }

}
