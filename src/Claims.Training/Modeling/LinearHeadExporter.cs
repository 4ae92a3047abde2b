using System.Runtime.InteropServices;
using System.Text;
using Claims.Inference;

namespace Claims.Training.Modeling;

/// <summary>
/// Writes a trained multiclass linear head as an ONNX graph with sparse n-gram inputs:
/// <c>Score = softmax(sum_j NgramValues[j] * W[NgramSlots[j]] + Embedding * E + b)</c>.
/// ML.NET's own exporter takes the n-grams as one dense row of every slot, so a sentence that fills a few dozen
/// of 262,144 slots would copy and multiply all of them; gathering those rows of <c>W</c> costs next to nothing
/// and lets one call score a whole batch. The graph uses standard operators of opset 13 only.
/// </summary>
internal static class LinearHeadExporter
{
    private const int Opset = 13;
    private const long IrVersion = 7;
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private const int IntAttribute = 2;

    /// <summary>Writes the graph.</summary>
    /// <param name="stream">Where the ONNX bytes go.</param>
    /// <param name="ngramWeights">Row-major [slots, labels] weights of the n-gram slots; null when the head reads no n-grams.</param>
    /// <param name="embeddingWeights">Row-major [dimensions, labels] weights of the embedding; null when the head reads no embedding.</param>
    /// <param name="biases">One bias per label.</param>
    public static void Write(Stream stream, float[]? ngramWeights, float[]? embeddingWeights, float[] biases)
    {
        var labels = biases.Length;
        var nodes = new List<byte[]>();
        var initializers = new List<byte[]>();
        var inputs = new List<byte[]>();
        var sums = new List<string>();
        if (ngramWeights is not null)
        {
            initializers.Add(Tensor("ngram_weights", [ngramWeights.Length / labels, labels], ngramWeights));
            initializers.Add(Tensor("axis_1", [1], [1L]));
            initializers.Add(Tensor("axis_2", [1], [2L]));
            inputs.Add(ValueInfo(HeadGraph.NgramSlots, Int64Type, "batch", "ngrams"));
            inputs.Add(ValueInfo(HeadGraph.NgramValues, FloatType, "batch", "ngrams"));
            nodes.Add(Node("Gather", ["ngram_weights", HeadGraph.NgramSlots], ["gathered"]));
            nodes.Add(Node("Unsqueeze", [HeadGraph.NgramValues, "axis_2"], ["values_3d"]));
            nodes.Add(Node("Mul", ["gathered", "values_3d"], ["weighted"]));
            nodes.Add(Node("ReduceSum", ["weighted", "axis_1"], ["ngram_logits"], ("keepdims", 0)));
            sums.Add("ngram_logits");
        }

        if (embeddingWeights is not null)
        {
            initializers.Add(Tensor("embedding_weights", [embeddingWeights.Length / labels, labels], embeddingWeights));
            inputs.Add(ValueInfo(HeadGraph.Embedding, FloatType, "batch", (embeddingWeights.Length / labels).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            nodes.Add(Node("MatMul", [HeadGraph.Embedding, "embedding_weights"], ["embedding_logits"]));
            sums.Add("embedding_logits");
        }

        initializers.Add(Tensor("biases", [labels], biases));
        var total = sums[0];
        if (sums.Count == 2)
        {
            nodes.Add(Node("Add", [sums[0], sums[1]], ["feature_logits"]));
            total = "feature_logits";
        }

        nodes.Add(Node("Add", [total, "biases"], ["logits"]));
        nodes.Add(Node("Softmax", ["logits"], [HeadGraph.Score], ("axis", 1)));

        var graph = new Proto();
        nodes.ForEach(n => graph.Message(1, n));
        graph.String(2, "claims_linear_head");
        initializers.ForEach(t => graph.Message(5, t));
        inputs.ForEach(i => graph.Message(11, i));
        graph.Message(12, ValueInfo(HeadGraph.Score, FloatType, "batch", labels.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var model = new Proto();
        model.Varint(1, IrVersion);
        model.String(2, "Claims.Training");
        model.Message(7, graph.ToArray());
        model.Message(8, new Proto().String(1, "").Varint(2, Opset).ToArray());
        stream.Write(model.ToArray());
    }

    private static byte[] Node(string op, string[] inputs, string[] outputs, params (string Name, long Value)[] attributes)
    {
        var node = new Proto();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, op + "_" + outputs[0]);
        node.String(4, op);
        foreach (var (name, value) in attributes)
        {
            node.Message(5, new Proto().String(1, name).Varint(3, value).Varint(20, IntAttribute).ToArray());
        }

        return node.ToArray();
    }

    private static byte[] Tensor<T>(string name, long[] dims, T[] values)
        where T : unmanaged
    {
        var tensor = new Proto();
        foreach (var dim in dims)
        {
            tensor.Varint(1, dim);
        }

        tensor.Varint(2, typeof(T) == typeof(float) ? FloatType : Int64Type);
        tensor.String(8, name);
        tensor.Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor.ToArray();
    }

    /// <summary>A tensor-typed graph input or output; each dimension is a symbolic name or a number.</summary>
    private static byte[] ValueInfo(string name, int elementType, params string[] dims)
    {
        var shape = new Proto();
        foreach (var dim in dims)
        {
            shape.Message(1, long.TryParse(dim, out var size) ? new Proto().Varint(1, size).ToArray() : new Proto().String(2, dim).ToArray());
        }

        var tensorType = new Proto().Varint(1, elementType).Message(2, shape.ToArray());
        return new Proto().String(1, name).Message(2, new Proto().Message(1, tensorType.ToArray()).ToArray()).ToArray();
    }

    /// <summary>The little of the protocol buffers wire format an ONNX file needs: varints and length-delimited fields.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _bytes = new();

        public Proto Varint(int field, long value)
        {
            Key(field, 0);
            Raw((ulong)value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, byte[] message) => Bytes(field, message);

        public Proto Bytes(int field, ReadOnlySpan<byte> value)
        {
            Key(field, 2);
            Raw((ulong)value.Length);
            _bytes.Write(value);
            return this;
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.WriteByte((byte)value);
        }
    }
}
