namespace Claims.Inference;

/// <summary>Operations on a head's probability vector, shared by training-time evaluation and the shipped classifier.</summary>
public static class Probabilities
{
    /// <summary>
    /// Temperature scaling: probabilities raised to 1/<paramref name="temperature"/> and renormalised
    /// (T &gt; 1 softens, T &lt; 1 sharpens, 1 changes nothing).
    /// </summary>
    public static double[] Scale(IReadOnlyList<double> probabilities, double temperature)
    {
        var weights = probabilities.Select(p => temperature == 1 ? p : Math.Pow(Math.Max(p, 1e-12), 1 / temperature)).ToArray();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }

    /// <summary>
    /// A head's scores, given in the head's own label order, as a probability for every label of the guide;
    /// a label the head does not score (its training data lacked it) gets 0.
    /// </summary>
    public static Dictionary<TLabel, float> ByLabel<TLabel>(IReadOnlyList<double> scores, IReadOnlyList<TLabel> order)
        where TLabel : struct, Enum =>
        Enum.GetValues<TLabel>().ToDictionary(label => label, label => order.IndexOf(label) is var i and >= 0 ? (float)scores[i] : 0f);

    private static int IndexOf<T>(this IReadOnlyList<T> list, T item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], item))
            {
                return i;
            }
        }

        return -1;
    }
}
