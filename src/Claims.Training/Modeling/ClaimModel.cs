using System.Security.Cryptography;
using Claims.Inference;
using Claims.Training.Data;
using Microsoft.ML;

namespace Claims.Training.Modeling;

/// <summary>The two trained heads in ML.NET form: used to evaluate before export, and exported to a model folder.</summary>
public sealed class ClaimModel
{
    private const string ClaimTypeFile = "claim_type.onnx";
    private const string StanceFile = "stance.onnx";

    private readonly HeadTrainer.TrainedHead _claimType;
    private readonly HeadTrainer.TrainedHead _stance;

    private ClaimModel(HeadTrainer.TrainedHead claimType, HeadTrainer.TrainedHead stance, int trainingSentences)
    {
        _claimType = claimType;
        _stance = stance;
        TrainingSentences = trainingSentences;
    }

    /// <summary>How many sentences the heads were trained on.</summary>
    public int TrainingSentences { get; }

    /// <summary>Trains both heads on labeled sentences. Same data and options, same model.</summary>
    public static ClaimModel Train(IReadOnlyList<LabeledSentence> sentences, TrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TrainingOptions();

        // One context per head, each with the fixed seed, so that a head does not depend on the other's training.
        var claimType = HeadTrainer.Train(new MLContext(options.Seed), sentences.Select(s => (s.Text, s.ClaimType.Name())), options, cancellationToken);
        var stance = HeadTrainer.Train(new MLContext(options.Seed), sentences.Select(s => (s.Text, s.Stance.Name())), options, cancellationToken);
        return new ClaimModel(claimType, stance, sentences.Count);
    }

    /// <summary>The most probable labels for each sentence, scored by ML.NET (the same numbers the ONNX export gives).</summary>
    public IReadOnlyList<(ClaimType ClaimType, Stance Stance)> Predict(IReadOnlyList<string> sentences)
    {
        var claimTypes = ArgMaxLabels(_claimType, sentences, name => Labels.TryParseClaimType(name, out var c) ? c!.Value : default);
        var stances = ArgMaxLabels(_stance, sentences, name => Labels.TryParseStance(name, out var s) ? s!.Value : default);
        return claimTypes.Zip(stances).ToList();
    }

    /// <summary>The raw probability vectors of both heads, with their label orders; for parity checks against ONNX Runtime.</summary>
    public (IReadOnlyList<string> Labels, IReadOnlyList<float[]> Scores) ScoreClaimType(IEnumerable<string> sentences) =>
        (_claimType.Labels, _claimType.Score(sentences));

    /// <inheritdoc cref="ScoreClaimType"/>
    public (IReadOnlyList<string> Labels, IReadOnlyList<float[]> Scores) ScoreStance(IEnumerable<string> sentences) =>
        (_stance.Labels, _stance.Score(sentences));

    /// <summary>Writes both heads as ONNX files and the manifest (model card) into <paramref name="directory"/>.</summary>
    /// <param name="directory">The model folder; created if needed.</param>
    /// <param name="trainingDataSha256">The hash of the data the heads were trained on.</param>
    /// <param name="metrics">Held-out evaluation results for the card.</param>
    /// <param name="command">The command that trained the model.</param>
    public ModelManifest Export(string directory, string trainingDataSha256, IReadOnlyDictionary<string, EvaluationSummary> metrics, string command)
    {
        Directory.CreateDirectory(directory);
        var manifest = new ModelManifest
        {
            CreatedAt = DateTimeOffset.UtcNow,
            TrainingDataSha256 = trainingDataSha256,
            Metrics = metrics,
            Command = command,
            NormalizerVersion = TextNormalizer.Version,
            TrainingSentences = TrainingSentences,
            ClaimType = ExportHead(_claimType, directory, ClaimTypeFile),
            Stance = ExportHead(_stance, directory, StanceFile),
        };
        manifest.Save(directory);
        return manifest;
    }

    private static HeadManifest ExportHead(HeadTrainer.TrainedHead head, string directory, string file)
    {
        var path = Path.Combine(directory, file);
        using (var stream = File.Create(path))
        {
            head.ExportOnnx(stream);
        }

        return new HeadManifest(file, head.Labels, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }

    private static List<TLabel> ArgMaxLabels<TLabel>(HeadTrainer.TrainedHead head, IEnumerable<string> sentences, Func<string, TLabel> parse) =>
        head.Score(sentences)
            .Select(scores => parse(head.Labels[Array.IndexOf(scores, scores.Max())]))
            .ToList();
}
