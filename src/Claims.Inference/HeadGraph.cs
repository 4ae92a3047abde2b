namespace Claims.Inference;

/// <summary>
/// The names a head's ONNX graph uses: the contract between the trainer that writes the heads and
/// <see cref="ClaimClassifier"/>, which feeds them. A graph takes the n-gram inputs, the embedding input, or both,
/// and outputs one probability per label for each sentence of the batch.
/// </summary>
public static class HeadGraph
{
    /// <summary>int64 [batch, n]: the slots of a sentence's n-gram features (<see cref="NgramFeaturizer"/>), padded with slot 0.</summary>
    public const string NgramSlots = "NgramSlots";

    /// <summary>float [batch, n]: the value of each of those slots, 0 for padding.</summary>
    public const string NgramValues = "NgramValues";

    /// <summary>float [batch, dimensions]: the sentence embedding of <see cref="SentenceEncoder"/>.</summary>
    public const string Embedding = "Embedding";

    /// <summary>float [batch, labels]: the probability of each label, in the order the manifest lists them.</summary>
    public const string Score = "Score";
}
