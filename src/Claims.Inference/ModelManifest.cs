using System.Text.Json;
using System.Text.Json.Serialization;

namespace Claims.Inference;

/// <summary>
/// The model card stored beside the ONNX files as <c>manifest.json</c>: what the heads are, the label order of
/// their scores, the data and normaliser they were trained with, and how well they did.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The file name of the manifest inside a model folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>JSON settings shared by every file the project writes: snake_case names, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The model's name.</summary>
    public string Name { get; init; } = "claims";

    /// <summary>The model's version: the UTC time it was trained, <c>yyyyMMdd-HHmmss</c>.</summary>
    public string Version { get; init; } = "";

    /// <summary>The version it replaced, when it came from retraining on corrections.</summary>
    public string? ParentVersion { get; init; }

    /// <summary>How a retrained model passed (or was forced past) the regression gate; <c>null</c> for a plain training.</summary>
    public RetrainingRecord? Retraining { get; init; }

    /// <summary>When it was trained (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The <see cref="TextNormalizer.Version"/> the heads were trained with; loading checks it.</summary>
    public int NormalizerVersion { get; init; }

    /// <summary>SHA-256 of the training data folder (relative paths and bytes of its CSV files).</summary>
    public string TrainingDataSha256 { get; init; } = "";

    /// <summary>How many labeled sentences it was trained on.</summary>
    public int TrainingSentences { get; init; }

    /// <summary>The profile: <c>default</c> (sentence encoder and n-grams) or <c>fast</c> (n-grams only).</summary>
    public string Profile { get; init; } = "default";

    /// <summary>The sentence encoder whose embeddings the heads take as a second input; <c>null</c> when they read the text alone.</summary>
    public EncoderManifest? Encoder { get; init; }

    /// <summary>How the text becomes the heads' n-gram input; <c>null</c> when they read embeddings alone.</summary>
    public NgramManifest? Ngrams { get; init; }

    /// <summary>The claim-type head.</summary>
    public required HeadManifest ClaimType { get; init; }

    /// <summary>The stance head.</summary>
    public required HeadManifest Stance { get; init; }

    /// <summary>Evaluation results by evaluation name, such as <c>seeds_leave_one_article_out</c>.</summary>
    public IReadOnlyDictionary<string, EvaluationSummary> Metrics { get; init; } = new Dictionary<string, EvaluationSummary>();

    /// <summary>How its confidences were calibrated and what the uncertain flag buys, per head.</summary>
    public IReadOnlyDictionary<string, CalibrationSummary> Calibration { get; init; } = new Dictionary<string, CalibrationSummary>();

    /// <summary>The stance head on the Emergent benchmark headlines (never trained on); <c>null</c> when not measured.</summary>
    public BenchmarkSummary? Emergent { get; init; }

    /// <summary>The command that trained it.</summary>
    public string Command { get; init; } = "";

    /// <summary>Reads <c>manifest.json</c> from a model folder.</summary>
    /// <exception cref="InvalidModelException">The file is missing or not a manifest.</exception>
    public static ModelManifest Load(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidModelException(path, "model manifest not found");
        }

        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidModelException(path, "the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidModelException(path, $"not a valid manifest: {e.Message}");
        }
    }

    /// <summary>Writes <c>manifest.json</c> into a model folder.</summary>
    public void Save(string modelDirectory) =>
        File.WriteAllText(Path.Combine(modelDirectory, FileName), JsonSerializer.Serialize(this, JsonOptions) + "\n");
}

/// <summary>One head of the model.</summary>
/// <param name="File">The ONNX file, relative to the model folder.</param>
/// <param name="Labels">The label of each score the graph outputs, in output order.</param>
/// <param name="Sha256">SHA-256 of the ONNX file.</param>
/// <param name="Temperature">
/// Calibration fitted on held-out predictions: the graph's probabilities are raised to 1/T and renormalised
/// (T &gt; 1 softens overconfident scores). 1 leaves them as they are.
/// </param>
/// <param name="UncertainBelow">A prediction whose confidence is below this is flagged <see cref="Prediction.Uncertain"/>; 0 flags none.</param>
public sealed record HeadManifest(string File, IReadOnlyList<string> Labels, string Sha256, double Temperature = 1, double UncertainBelow = 0);

/// <summary>The sentence encoder a model was trained with.</summary>
/// <param name="Name">Its name, such as <c>all-MiniLM-L6-v2</c>.</param>
/// <param name="Sha256">SHA-256 of its ONNX graph.</param>
/// <param name="Dimensions">The length of its embeddings.</param>
public sealed record EncoderManifest(string Name, string Sha256, int Dimensions);

/// <summary>The headline numbers of one evaluation.</summary>
/// <param name="Sentences">How many sentences were scored.</param>
/// <param name="ClaimTypeAccuracy">Share of claim types right.</param>
/// <param name="ClaimTypeMacroF1">Unweighted mean F1 over claim types.</param>
/// <param name="StanceAccuracy">Share of stances right.</param>
/// <param name="StanceMacroF1">Unweighted mean F1 over stances.</param>
/// <param name="Command">The command that measures it again.</param>
public sealed record EvaluationSummary(int Sentences, double ClaimTypeAccuracy, double ClaimTypeMacroF1, double StanceAccuracy, double StanceMacroF1, string Command);

/// <summary>How one head's confidences were calibrated, measured on held-out predictions.</summary>
/// <param name="Temperature">The temperature fitted on the grouped cross-validation predictions.</param>
/// <param name="EceBefore">Expected calibration error on the seeds (leave one article out) before scaling.</param>
/// <param name="EceAfter">The same after scaling.</param>
/// <param name="UncertainBelow">The confidence threshold of the uncertain flag, chosen on the grouped cross-validation predictions.</param>
/// <param name="AccuracyKept">Accuracy on the seeds of the predictions not flagged.</param>
/// <param name="AccuracyAll">Accuracy on the seeds of all predictions.</param>
/// <param name="ShareFlagged">Share of the seed predictions flagged.</param>
public sealed record CalibrationSummary(double Temperature, double EceBefore, double EceAfter, double UncertainBelow, double AccuracyKept, double AccuracyAll, double ShareFlagged);

/// <summary>What a retraining on corrected labels used and how the candidate compared with the model it replaced.</summary>
/// <param name="Corrections">How many corrected sentences were used (all kept corrections, earlier ones included).</param>
/// <param name="CorrectionFiles">The files the new corrections came from.</param>
/// <param name="Before">The replaced model's numbers, measured in the same run on the same held-out sets.</param>
/// <param name="After">The candidate's numbers.</param>
/// <param name="Tolerance">How far any number may drop before the candidate is refused.</param>
/// <param name="Forced">True when <c>--force</c> overrode a refusal.</param>
/// <param name="CommandLine">The command that retrained it.</param>
public sealed record RetrainingRecord(
    int Corrections, IReadOnlyList<string> CorrectionFiles, IReadOnlyDictionary<string, double> Before, IReadOnlyDictionary<string, double> After, double Tolerance, bool Forced, string CommandLine);

/// <summary>The stance head on an external benchmark.</summary>
/// <param name="Sentences">Headlines scored.</param>
/// <param name="Accuracy">Share right after mapping to the benchmark's labels.</param>
/// <param name="MacroF1">Unweighted mean F1 over the benchmark's labels.</param>
/// <param name="Command">The command that measures it again.</param>
public sealed record BenchmarkSummary(int Sentences, double Accuracy, double MacroF1, string Command);

/// <summary>A model folder or file that cannot be used; the message names the file.</summary>
public sealed class InvalidModelException(string path, string problem) : Exception($"{path}: {problem}")
{
    /// <summary>The file at fault.</summary>
    public string Path { get; } = path;
}
