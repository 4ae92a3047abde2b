using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Claims.Inference;

/// <summary>One exported head: an ONNX graph from normalised text to a probability per label.</summary>
internal sealed class OnnxHead : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string? _textInput;
    private readonly string? _embeddingInput;
    private readonly string[] _outputs;

    public OnnxHead(string path, int labelCount, SessionOptions options)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException(path, "model file not found");
        }

        try
        {
            _session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException(path, $"not a loadable ONNX model: {e.Message}");
        }

        _textInput = _session.InputMetadata.Keys.FirstOrDefault(k => k == "Text");
        _embeddingInput = _session.InputMetadata.Keys.FirstOrDefault(k => k == "Embedding");
        if (_textInput is null && _embeddingInput is null)
        {
            throw new InvalidModelException(path, "the graph has neither a 'Text' nor an 'Embedding' input");
        }
        var score = _session.OutputMetadata.Keys.FirstOrDefault(k => k.StartsWith("Score", StringComparison.Ordinal))
            ?? throw new InvalidModelException(path, "the graph has no 'Score' output");
        _outputs = [score];
        var width = _session.OutputMetadata[score].Dimensions.LastOrDefault();
        if (width > 0 && width != labelCount)
        {
            throw new InvalidModelException(path, $"the graph scores {width} labels but the manifest names {labelCount}");
        }

        var embeddingWidth = _embeddingInput is null ? 0 : _session.InputMetadata[_embeddingInput].Dimensions.LastOrDefault();
        Batches = ProbeBatching(embeddingWidth);
    }

    /// <summary>Whether the graph takes a sentence embedding beside the text.</summary>
    public bool TakesEmbedding => _embeddingInput is not null;

    /// <summary>
    /// Whether one call can score many sentences. Graphs with word n-grams cannot (ONNX Runtime rejects a batch
    /// in their feature vectoriser); character-only graphs can. Found out once, at load, by scoring two sentences.
    /// </summary>
    public bool Batches { get; private set; }

    /// <summary>Scores one normalised sentence (and its embedding, when the graph takes one). Safe to call from many threads at once.</summary>
    public float[] Score(string normalizedText, float[]? embedding) => ScoreBatch([normalizedText], embedding is null ? null : [embedding])[0];

    /// <summary>Scores many normalised sentences in one call; only when <see cref="Batches"/>. Safe to call from many threads at once.</summary>
    public float[][] ScoreBatch(IReadOnlyList<string> normalizedTexts, IReadOnlyList<float[]>? embeddings) => ScoreBatch(normalizedTexts, embeddings, _runOptions);

    private float[][] ScoreBatch(IReadOnlyList<string> normalizedTexts, IReadOnlyList<float[]>? embeddings, RunOptions runOptions)
    {
        var count = normalizedTexts.Count;
        var names = new List<string>(2);
        var values = new List<OrtValue>(2);
        try
        {
            if (_textInput is not null)
            {
                names.Add(_textInput);
                values.Add(OrtValue.CreateFromStringTensor(new DenseTensor<string>(normalizedTexts.ToArray(), new[] { count, 1 })));
            }

            if (_embeddingInput is not null)
            {
                ArgumentNullException.ThrowIfNull(embeddings);
                var width = embeddings[0].Length;
                var flat = new float[count * width];
                for (var i = 0; i < count; i++)
                {
                    embeddings[i].CopyTo(flat, i * width);
                }

                names.Add(_embeddingInput);
                values.Add(OrtValue.CreateTensorValueFromMemory(flat, [count, width]));
            }

            using var results = _session.Run(runOptions, names, values, _outputs);
            var scores = results[0].GetTensorDataAsSpan<float>();
            var labels = scores.Length / count;
            var rows = new float[count][];
            for (var i = 0; i < count; i++)
            {
                rows[i] = scores.Slice(i * labels, labels).ToArray();
            }

            return rows;
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private bool ProbeBatching(int embeddingWidth)
    {
        try
        {
            // A graph that cannot batch fails here by design: its error is expected, so it is not logged.
            using var quiet = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            float[][]? embeddings = TakesEmbedding ? [new float[embeddingWidth], new float[embeddingWidth]] : null;
            return ScoreBatch(["a", "b"], embeddings, quiet).Length == 2;
        }
        catch (OnnxRuntimeException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
