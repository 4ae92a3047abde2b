using Microsoft.ML.OnnxRuntime;

namespace Claims.Inference;

/// <summary>The inputs of one call of the heads, row by row: <see cref="Count"/> sentences of <see cref="NgramsPerRow"/> n-gram pairs each (padded) and their embeddings.</summary>
internal readonly record struct HeadBatch(int Count, int NgramsPerRow, Memory<long> Slots, Memory<float> Values, Memory<float> Embeddings);

/// <summary>
/// One exported head: an ONNX graph (see <see cref="HeadGraph"/>) from a batch of sparse n-gram features and/or
/// sentence embeddings to a probability per label.
/// </summary>
internal sealed class OnnxHead : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
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

        var unknown = _session.InputMetadata.Keys.Except([HeadGraph.NgramSlots, HeadGraph.NgramValues, HeadGraph.Embedding]).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidModelException(path, $"the graph takes inputs this library does not feed ({string.Join(", ", unknown)}); a model from an older version of Claims must be retrained");
        }

        TakesNgrams = _session.InputMetadata.ContainsKey(HeadGraph.NgramSlots) && _session.InputMetadata.ContainsKey(HeadGraph.NgramValues);
        EmbeddingWidth = _session.InputMetadata.TryGetValue(HeadGraph.Embedding, out var embedding) ? (int)Math.Max(0, embedding.Dimensions.LastOrDefault()) : 0;
        if (!TakesNgrams && EmbeddingWidth == 0)
        {
            throw new InvalidModelException(path, $"the graph takes neither n-grams ('{HeadGraph.NgramSlots}', '{HeadGraph.NgramValues}') nor an '{HeadGraph.Embedding}' of fixed width");
        }

        if (!_session.OutputMetadata.TryGetValue(HeadGraph.Score, out var score))
        {
            throw new InvalidModelException(path, $"the graph has no '{HeadGraph.Score}' output");
        }

        _outputs = [HeadGraph.Score];
        var width = score.Dimensions.LastOrDefault();
        if (width > 0 && width != labelCount)
        {
            throw new InvalidModelException(path, $"the graph scores {width} labels but the manifest names {labelCount}");
        }
    }

    /// <summary>Whether the graph takes n-gram features.</summary>
    public bool TakesNgrams { get; }

    /// <summary>The length of the sentence embedding the graph takes; 0 when it takes none.</summary>
    public int EmbeddingWidth { get; }

    /// <summary>Scores a batch in one call. Safe to call from many threads at once.</summary>
    public float[][] Score(HeadBatch batch)
    {
        var count = batch.Count;
        var names = new List<string>(3);
        var values = new List<OrtValue>(3);
        try
        {
            if (TakesNgrams)
            {
                long[] shape = [count, batch.NgramsPerRow];
                var size = count * batch.NgramsPerRow;
                names.Add(HeadGraph.NgramSlots);
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Slots[..size], shape));
                names.Add(HeadGraph.NgramValues);
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Values[..size], shape));
            }

            if (EmbeddingWidth > 0)
            {
                names.Add(HeadGraph.Embedding);
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Embeddings[..(count * EmbeddingWidth)], [count, EmbeddingWidth]));
            }

            using var results = _session.Run(_runOptions, names, values, _outputs);
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

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
