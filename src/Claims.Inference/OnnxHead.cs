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
    }

    /// <summary>Whether the graph takes a sentence embedding beside the text.</summary>
    public bool TakesEmbedding => _embeddingInput is not null;

    /// <summary>Scores one normalised sentence (and its embedding, when the graph takes one). Safe to call from many threads at once.</summary>
    public float[] Score(string normalizedText, float[]? embedding)
    {
        var names = new List<string>(2);
        var values = new List<OrtValue>(2);
        try
        {
            if (_textInput is not null)
            {
                names.Add(_textInput);
                values.Add(OrtValue.CreateFromStringTensor(new DenseTensor<string>(new[] { normalizedText }, new[] { 1, 1 })));
            }

            if (_embeddingInput is not null)
            {
                ArgumentNullException.ThrowIfNull(embedding);
                names.Add(_embeddingInput);
                values.Add(OrtValue.CreateTensorValueFromMemory(embedding, [1, embedding.Length]));
            }

            using var results = _session.Run(_runOptions, names, values, _outputs);
            return results[0].GetTensorDataAsSpan<float>().ToArray();
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
