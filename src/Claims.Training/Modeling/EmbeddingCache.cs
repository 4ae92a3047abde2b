using System.Collections.Concurrent;
using Claims.Inference;

namespace Claims.Training.Modeling;

/// <summary>
/// Sentence embeddings computed once per text and reused: cross-validation trains many models on the same
/// sentences, and embedding is by far the slowest step.
/// </summary>
public sealed class EmbeddingCache(SentenceEncoder encoder)
{
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    /// <summary>The encoder behind the cache.</summary>
    public SentenceEncoder Encoder { get; } = encoder;

    /// <summary>The embedding of each text, in order; only texts not seen before are encoded.</summary>
    public float[][] Get(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var missing = texts.Where(t => !_cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        var encoded = Encoder.Encode(missing, cancellationToken);
        for (var i = 0; i < missing.Count; i++)
        {
            _cache[missing[i]] = encoded[i];
        }

        return texts.Select(t => _cache[t]).ToArray();
    }
}
