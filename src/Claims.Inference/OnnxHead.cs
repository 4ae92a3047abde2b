using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Claims.Inference;

/// <summary>One exported head: an ONNX graph from normalised text to a probability per label.</summary>
internal sealed class OnnxHead : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _input;
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

        _input = _session.InputMetadata.Keys.FirstOrDefault(k => k == "Text")
            ?? throw new InvalidModelException(path, "the graph has no 'Text' input");
        var score = _session.OutputMetadata.Keys.FirstOrDefault(k => k.StartsWith("Score", StringComparison.Ordinal))
            ?? throw new InvalidModelException(path, "the graph has no 'Score' output");
        _outputs = [score];
        var width = _session.OutputMetadata[score].Dimensions.LastOrDefault();
        if (width > 0 && width != labelCount)
        {
            throw new InvalidModelException(path, $"the graph scores {width} labels but the manifest names {labelCount}");
        }
    }

    /// <summary>Scores one normalised sentence. Safe to call from many threads at once.</summary>
    public float[] Score(string normalizedText)
    {
        var tensor = new DenseTensor<string>(new[] { normalizedText }, new[] { 1, 1 });
        using var input = OrtValue.CreateFromStringTensor(tensor);
        using var results = _session.Run(_runOptions, new[] { _input }, new[] { input }, _outputs);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
