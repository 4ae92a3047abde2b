using System.Buffers;
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
    private readonly NgramFeaturizer? _featurizer;

    // Sentences per call of the heads: enough to spread ONNX Runtime's per-call cost, few enough that a large input splits into batches for every core.
    private const int BatchSize = 32;

    private ClaimClassifier(ModelManifest manifest, OnnxHead claimTypeHead, OnnxHead stanceHead, ClaimType[] claimTypeOrder, Stance[] stanceOrder, SentenceSplitter splitter, SentenceEncoder? encoder, NgramFeaturizer? featurizer)
    {
        Manifest = manifest;
        _encoder = encoder;
        _featurizer = featurizer;
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
            // The heads are single linear layers: one thread each, and callers run batches in parallel.
            using var headOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            var claimTypeHead = Own(owned, new OnnxHead(Path.Combine(modelDirectory, manifest.ClaimType.File), claimTypes.Length, headOptions));
            var stanceHead = Own(owned, new OnnxHead(Path.Combine(modelDirectory, manifest.Stance.File), stances.Length, headOptions));
            var featurizer = Featurizer(manifest, manifestPath, claimTypeHead, stanceHead);
            var encoder = encoderTask is null ? null : Own(owned, encoderTask.GetAwaiter().GetResult());
            if (new[] { claimTypeHead, stanceHead }.Any(h => h.EmbeddingWidth != 0 && h.EmbeddingWidth != (encoder is null ? 0 : SentenceEncoder.Dimensions)))
            {
                throw new InvalidModelException(manifestPath, $"the heads take sentence embeddings that the encoder the manifest names ({manifest.Encoder?.Name ?? "none"}) does not give");
            }

            return new ClaimClassifier(manifest, claimTypeHead, stanceHead, claimTypes, stances, SentenceSplitter.Default, encoder, featurizer);
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
        return Classify([sentence])[0];
    }

    /// <summary>Labels many sentences in input order: the encoder embeds them in batches, the heads score batches in parallel.</summary>
    public IReadOnlyList<Prediction> Classify(IEnumerable<string> sentences, CancellationToken cancellationToken = default)
    {
        var list = sentences as IReadOnlyList<string> ?? sentences.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(list[i], nameof(sentences));
        }

        var embeddings = _encoder?.Encode(list, cancellationToken);
        var predictions = new Prediction[list.Count];
        var batches = (list.Count + BatchSize - 1) / BatchSize;
        if (batches == 1)
        {
            ScoreBatch(list, embeddings, 0, predictions);
            return predictions;
        }

        Parallel.For(0, batches, new ParallelOptions { CancellationToken = cancellationToken }, batch => ScoreBatch(list, embeddings, batch * BatchSize, predictions));
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

    /// <summary>Scores the sentences from <paramref name="start"/> on, at most <see cref="BatchSize"/> of them, with one call per head.</summary>
    private void ScoreBatch(IReadOnlyList<string> sentences, float[][]? embeddings, int start, Prediction[] predictions)
    {
        var count = Math.Min(BatchSize, sentences.Count - start);
        var texts = new string[count];
        var capacity = 1;
        for (var i = 0; i < count; i++)
        {
            texts[i] = TextNormalizer.Normalize(sentences[start + i]);
            capacity = Math.Max(capacity, _featurizer?.MaxFeatures(texts[i].Length) ?? 1);
        }

        var embeddingWidth = embeddings is null ? 0 : SentenceEncoder.Dimensions;
        var slots = ArrayPool<long>.Shared.Rent(count * capacity);
        var values = ArrayPool<float>.Shared.Rent(count * capacity);
        var vectors = ArrayPool<float>.Shared.Rent(Math.Max(1, count * embeddingWidth));
        try
        {
            // Each sentence's pairs go to the start of its row, then rows are packed to the longest: padding is slot 0 with value 0.
            var written = new int[count];
            var perRow = 1;
            for (var i = 0; i < count; i++)
            {
                written[i] = _featurizer?.Featurize(texts[i], slots.AsSpan(i * capacity, capacity), values.AsSpan(i * capacity, capacity)) ?? 0;
                perRow = Math.Max(perRow, written[i]);
                embeddings?[start + i].CopyTo(vectors, i * embeddingWidth);
            }

            for (var i = 0; i < count; i++)
            {
                slots.AsSpan(i * capacity, written[i]).CopyTo(slots.AsSpan(i * perRow));
                values.AsSpan(i * capacity, written[i]).CopyTo(values.AsSpan(i * perRow));
                slots.AsSpan(i * perRow + written[i], perRow - written[i]).Clear();
                values.AsSpan(i * perRow + written[i], perRow - written[i]).Clear();
            }

            var batch = new HeadBatch(count, perRow, slots, values, vectors);
            var claimTypes = _claimTypeHead.Score(batch);
            var stances = _stanceHead.Score(batch);
            for (var i = 0; i < count; i++)
            {
                predictions[start + i] = Predict(claimTypes[i], stances[i]);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(slots);
            ArrayPool<float>.Shared.Return(values);
            ArrayPool<float>.Shared.Return(vectors);
        }
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

    /// <summary>The featuriser the manifest describes, checked against the heads that take n-grams: each must have a weight for every slot.</summary>
    private static NgramFeaturizer? Featurizer(ModelManifest manifest, string manifestPath, params OnnxHead[] heads)
    {
        if (!heads.Any(h => h.TakesNgrams))
        {
            return null;
        }

        try
        {
            var featurizer = new NgramFeaturizer(manifest.Ngrams ?? throw new InvalidModelException(manifestPath, "the heads take n-grams but the manifest has no n-gram settings"));
            var lastSlot = new HeadBatch(1, 1, new long[] { featurizer.Dimensions - 1 }, new float[] { 1 }, new float[Math.Max(1, heads.Max(h => h.EmbeddingWidth))]);
            foreach (var head in heads.Where(h => h.TakesNgrams))
            {
                head.Score(lastSlot);
            }

            return featurizer;
        }
        catch (Exception e) when (e is ArgumentException or OnnxRuntimeException)
        {
            throw new InvalidModelException(manifestPath, $"the n-gram settings do not fit the heads: {e.Message}");
        }
    }

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
