using Microsoft.ML.OnnxRuntime;

namespace Claims.Inference;

/// <summary>
/// Labels sentences with a <see cref="ClaimType"/> and a <see cref="Stance"/>, using the ONNX heads of a model folder.
/// Load it once (loading builds the ONNX Runtime sessions, which is the expensive part) and share it:
/// every method is safe to call from many threads at once.
/// </summary>
/// <example>
/// <code>
/// using var classifier = ClaimClassifier.Load("models/default");
/// foreach (var (sentence, prediction) in classifier.ClassifyArticle(text))
///     Console.WriteLine($"{prediction.ClaimType} {prediction.Stance}: {sentence.Text}");
/// </code>
/// </example>
public sealed class ClaimClassifier : IDisposable
{
    private readonly OnnxHead _claimTypeHead;
    private readonly OnnxHead _stanceHead;
    private readonly ClaimType[] _claimTypeOrder;
    private readonly Stance[] _stanceOrder;
    private readonly SentenceSplitter _splitter;
    private readonly SentenceEncoder? _encoder;

    // Sentences per ONNX call for heads that batch.
    private const int BatchSize = 256;

    private ClaimClassifier(ModelManifest manifest, OnnxHead claimTypeHead, OnnxHead stanceHead, ClaimType[] claimTypeOrder, Stance[] stanceOrder, SentenceSplitter splitter, SentenceEncoder? encoder)
    {
        Manifest = manifest;
        _encoder = encoder;
        _claimTypeHead = claimTypeHead;
        _stanceHead = stanceHead;
        _claimTypeOrder = claimTypeOrder;
        _stanceOrder = stanceOrder;
        _splitter = splitter;
    }

    /// <summary>The model card of the loaded model.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Loads a model folder (<c>manifest.json</c>, the ONNX files it names, and the sentence encoder it names, if any).</summary>
    /// <param name="modelDirectory">The folder, such as <c>models/default</c>.</param>
    /// <param name="intraOpThreads">Threads ONNX Runtime may use inside one call of the encoder; 0 lets it choose.</param>
    /// <exception cref="InvalidModelException">A file is missing or corrupt; the message names it.</exception>
    public static ClaimClassifier Load(string modelDirectory, int intraOpThreads = 0)
    {
        var manifest = ModelManifest.Load(modelDirectory);
        var manifestPath = Path.Combine(modelDirectory, ModelManifest.FileName);
        if (manifest.NormalizerVersion != TextNormalizer.Version)
        {
            throw new InvalidModelException(manifestPath, $"trained with normaliser version {manifest.NormalizerVersion}, this library has {TextNormalizer.Version}; retrain the model");
        }

        var claimTypes = ParseOrder(manifest.ClaimType.Labels, name => Labels.TryParseClaimType(name, out var c) ? c : null, manifestPath);
        var stances = ParseOrder(manifest.Stance.Labels, name => Labels.TryParseStance(name, out var s) ? s : null, manifestPath);
        var owned = new List<IDisposable>();

        // Building the encoder's session is the slowest part of loading: it runs while the heads load.
        var encoderTask = manifest.Encoder is null ? null : Task.Run(() => LoadEncoder(manifest.Encoder, manifestPath, intraOpThreads));
        try
        {
            // The heads are small and run one sentence per call, in parallel across sentences: one thread each.
            using var headOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            var claimTypeHead = Own(owned, new OnnxHead(Path.Combine(modelDirectory, manifest.ClaimType.File), claimTypes.Length, headOptions));
            var stanceHead = Own(owned, new OnnxHead(Path.Combine(modelDirectory, manifest.Stance.File), stances.Length, headOptions));
            var encoder = encoderTask is null ? null : Own(owned, encoderTask.GetAwaiter().GetResult());
            if ((claimTypeHead.TakesEmbedding || stanceHead.TakesEmbedding) && encoder is null)
            {
                throw new InvalidModelException(manifestPath, "the heads take sentence embeddings but the manifest names no encoder");
            }

            return new ClaimClassifier(manifest, claimTypeHead, stanceHead, claimTypes, stances, SentenceSplitter.Default, encoder);
        }
        catch
        {
            owned.ForEach(o => o.Dispose());
            if (encoderTask is not null && !owned.Any(o => o is SentenceEncoder))
            {
                // The heads failed first: the encoder still loads in the background and must be released too.
                encoderTask.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
            }

            throw;
        }
    }

    /// <summary>Labels one sentence.</summary>
    public Prediction Classify(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return Predict(sentence, _encoder?.Encode(sentence));
    }

    /// <summary>Labels many sentences in input order: the encoder embeds them in batches, the heads score them in parallel.</summary>
    public IReadOnlyList<Prediction> Classify(IEnumerable<string> sentences, CancellationToken cancellationToken = default)
    {
        var list = sentences.ToList();
        list.ForEach(s => ArgumentNullException.ThrowIfNull(s, nameof(sentences)));
        var embeddings = _encoder?.Encode(list, cancellationToken);
        var predictions = new Prediction[list.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        if (!(_claimTypeHead.Batches && _stanceHead.Batches))
        {
            Parallel.For(0, list.Count, parallel, i => predictions[i] = Predict(list[i], embeddings?[i]));
            return predictions;
        }

        // Graphs that batch score a chunk of sentences per call: far fewer calls into ONNX Runtime.
        var chunks = Enumerable.Range(0, (list.Count + BatchSize - 1) / BatchSize).ToList();
        Parallel.ForEach(chunks, parallel, chunk =>
        {
            var start = chunk * BatchSize;
            var count = Math.Min(BatchSize, list.Count - start);
            var texts = list.GetRange(start, count).Select(TextNormalizer.Normalize).ToList();
            var vectors = embeddings is null ? null : embeddings[start..(start + count)];
            var claimTypes = _claimTypeHead.ScoreBatch(texts, vectors);
            var stances = _stanceHead.ScoreBatch(texts, vectors);
            for (var i = 0; i < count; i++)
            {
                predictions[start + i] = Predict(claimTypes[i], stances[i]);
            }
        });
        return predictions;
    }

    /// <summary>Labels many sentences off the calling thread; honours cancellation between batches.</summary>
    public Task<IReadOnlyList<Prediction>> ClassifyAsync(IEnumerable<string> sentences, CancellationToken cancellationToken = default)
    {
        var list = sentences.ToList();
        return Task.Run(() => Classify(list, cancellationToken), cancellationToken);
    }

    /// <summary>Splits an article and labels its sentences off the calling thread.</summary>
    public Task<IReadOnlyList<SentencePrediction>> ClassifyArticleAsync(string articleText, string articleId = "", CancellationToken cancellationToken = default) =>
        Task.Run(() => ClassifyArticle(articleText, articleId, cancellationToken), cancellationToken);

    /// <summary>Splits an article into sentences and labels each one.</summary>
    /// <param name="articleText">The article as plain text.</param>
    /// <param name="articleId">The id every returned sentence carries.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    public IReadOnlyList<SentencePrediction> ClassifyArticle(string articleText, string articleId = "", CancellationToken cancellationToken = default)
    {
        var sentences = _splitter.Split(articleText, articleId);
        var predictions = Classify(sentences.Select(s => s.Text), cancellationToken);
        return sentences.Zip(predictions, (s, p) => new SentencePrediction(s, p)).ToList();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _claimTypeHead.Dispose();
        _stanceHead.Dispose();
        _encoder?.Dispose();
    }

    private Prediction Predict(string sentence, float[]? embedding)
    {
        var text = TextNormalizer.Normalize(sentence);
        return Predict(_claimTypeHead.Score(text, embedding), _stanceHead.Score(text, embedding));
    }

    private Prediction Predict(float[] claimTypeScores, float[] stanceScores)
    {
        var claimTypes = Calibrate(claimTypeScores, _claimTypeOrder, Manifest.ClaimType.Temperature);
        var stances = Calibrate(stanceScores, _stanceOrder, Manifest.Stance.Temperature);
        var uncertain = claimTypes.Values.Max() < Manifest.ClaimType.UncertainBelow || stances.Values.Max() < Manifest.Stance.UncertainBelow;
        return Prediction.FromProbabilities(claimTypes, stances, uncertain);
    }

    /// <summary>The graph's scores by label, with the head's temperature applied.</summary>
    private static Dictionary<TLabel, float> Calibrate<TLabel>(float[] scores, TLabel[] order, double temperature)
        where TLabel : struct, Enum =>
        Probabilities.ByLabel(Probabilities.Scale(scores.Select(s => (double)s).ToArray(), temperature), order);

    private static SentenceEncoder LoadEncoder(EncoderManifest wanted, string manifestPath, int intraOpThreads)
    {
        var encoder = SentenceEncoder.Load(wanted.Name, intraOpThreads);
        if (encoder.Sha256 != wanted.Sha256)
        {
            encoder.Dispose();
            throw new InvalidModelException(manifestPath, $"trained with encoder graph {wanted.Sha256[..12]}, but the installed one is {encoder.Sha256[..12]}; retrain the model");
        }

        return encoder;
    }

    private static T Own<T>(List<IDisposable> owned, T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    private static TLabel[] ParseOrder<TLabel>(IReadOnlyList<string> names, Func<string, TLabel?> parse, string manifestPath)
        where TLabel : struct, Enum
    {
        var labels = names.Select(n => parse(n) ?? throw new InvalidModelException(manifestPath, $"unknown label '{n}'")).ToArray();
        if (labels.Length == 0 || labels.Distinct().Count() != labels.Length)
        {
            throw new InvalidModelException(manifestPath, $"a head must score each of its {typeof(TLabel).Name} labels once; it lists {string.Join(", ", names)}");
        }

        return labels;
    }
}
