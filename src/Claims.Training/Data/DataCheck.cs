using Claims.Inference;

namespace Claims.Training.Data;

/// <summary>The label counts a data set must reach, and what it has.</summary>
/// <param name="MinimumSentences">Fewest authored sentences.</param>
/// <param name="MinimumPerClaimType">Fewest sentences of each claim type.</param>
/// <param name="MinimumPerStance">Fewest sentences of each stance.</param>
public sealed record DataMinimums(int MinimumSentences, IReadOnlyDictionary<ClaimType, int> MinimumPerClaimType, IReadOnlyDictionary<Stance, int> MinimumPerStance)
{
    /// <summary>The minimums of the training-data issue: 3,000 sentences, 450 of each claim type (600 other), 300 of each non-support stance.</summary>
    public static DataMinimums Project { get; } = new(
        3000,
        new Dictionary<ClaimType, int>
        {
            [ClaimType.CasualtyClaim] = 450, [ClaimType.TroopCountClaim] = 450, [ClaimType.DiplomaticStatement] = 450,
            [ClaimType.Analysis] = 450, [ClaimType.Other] = 600,
        },
        new Dictionary<Stance, int> { [Stance.Report] = 300, [Stance.Deny] = 300, [Stance.Query] = 300, [Stance.Neutral] = 300, [Stance.Support] = 0 });

    /// <summary>No minimums at all: only the per-row checks apply.</summary>
    public static DataMinimums None { get; } = new(0, new Dictionary<ClaimType, int>(), new Dictionary<Stance, int>());
}

/// <summary>
/// Validates a labeled data folder: every row readable with known labels, unique ids, no exact or near
/// duplicate sentences, no seed sentence inside the authored files (the seeds stay test data), and the minimums.
/// </summary>
public static class DataCheck
{
    /// <summary>Two sentences at least this similar (Jaccard of their word 3-gram sets) count as near duplicates.</summary>
    public const double NearDuplicateSimilarity = 0.8;

    /// <summary>Checks every CSV below <paramref name="directory"/>; returns all sentences read and every problem found.</summary>
    public static (IReadOnlyList<LabeledSentence> Sentences, IReadOnlyList<DataProblem> Problems) Run(string directory, DataMinimums minimums)
    {
        var (_, sentences, read) = LabeledSentenceReader.ReadFolder(directory);
        var problems = read.ToList();

        // Kept corrections replace sentences with the same text by design: they are checked row by row only.
        var labeled = sentences.Where(s => !TrainingData.IsCorrectionFile(directory, s.Location.File)).ToList();
        problems.AddRange(TrainingData.DuplicateIds(labeled));
        problems.AddRange(Duplicates(labeled));
        var authored = labeled.Where(s => !TrainingData.IsSeed(s)).ToList();
        problems.AddRange(Shortfalls(authored, minimums, new DataLocation(directory, 0)));
        return (sentences, problems);
    }

    /// <summary>Pairs of sentences whose normalised text is equal or nearly so; a seed sentence in an authored file is named as such.</summary>
    public static IEnumerable<DataProblem> Duplicates(IReadOnlyList<LabeledSentence> sentences)
    {
        var shingles = sentences.Select(s => Shingles(TextNormalizer.Normalize(s.Text))).ToList();
        var postings = new Dictionary<string, List<int>>();
        for (var i = 0; i < sentences.Count; i++)
        {
            foreach (var shingle in shingles[i])
            {
                if (!postings.TryGetValue(shingle, out var list))
                {
                    postings[shingle] = list = [];
                }

                list.Add(i);
            }
        }

        for (var i = 0; i < sentences.Count; i++)
        {
            var candidates = new HashSet<int>();
            foreach (var shingle in shingles[i])
            {
                candidates.UnionWith(postings[shingle].Where(j => j < i));
            }

            foreach (var j in candidates.Order())
            {
                if (TrainingData.IsSeed(sentences[i]) && TrainingData.IsSeed(sentences[j]))
                {
                    // The seed articles are kept as published, and pages repeat lines ("News Feed", a headline).
                    continue;
                }

                var similarity = Jaccard(shingles[i], shingles[j]);
                if (similarity >= NearDuplicateSimilarity)
                {
                    yield return Describe(sentences[i], sentences[j], similarity);
                    break;
                }
            }
        }
    }

    private static DataProblem Describe(LabeledSentence later, LabeledSentence earlier, double similarity)
    {
        if (TrainingData.IsSeed(later) && !TrainingData.IsSeed(earlier))
        {
            // The authored copy is the row to fix, wherever the seed file sorts.
            (later, earlier) = (earlier, later);
        }

        var kind = similarity >= 1 ? "duplicate of" : $"near duplicate ({similarity:0.00}) of";
        var seedNote = TrainingData.IsSeed(earlier) != TrainingData.IsSeed(later) ? " (a seed sentence: seeds are test data and must not be in authored files)" : "";
        return new DataProblem(later.Location, $"'{Abbreviate(later.Text)}' is a {kind} {earlier.Location} '{Abbreviate(earlier.Text)}'{seedNote}");
    }

    private static IEnumerable<DataProblem> Shortfalls(IReadOnlyList<LabeledSentence> authored, DataMinimums minimums, DataLocation where)
    {
        if (authored.Count < minimums.MinimumSentences)
        {
            yield return new DataProblem(where, $"{authored.Count} authored sentences, fewer than the minimum {minimums.MinimumSentences}");
        }

        foreach (var (claimType, minimum) in minimums.MinimumPerClaimType)
        {
            var count = authored.Count(s => s.ClaimType == claimType);
            if (count < minimum)
            {
                yield return new DataProblem(where, $"{count} authored sentences of claim type {claimType.Name()}, fewer than the minimum {minimum}");
            }
        }

        foreach (var (stance, minimum) in minimums.MinimumPerStance)
        {
            var count = authored.Count(s => s.Stance == stance);
            if (count < minimum)
            {
                yield return new DataProblem(where, $"{count} authored sentences of stance {stance.Name()}, fewer than the minimum {minimum}");
            }
        }
    }

    // Word 3-grams, punctuation ignored; a sentence of fewer than three words is one shingle, so it only matches its exact twin.
    private static HashSet<string> Shingles(string normalized)
    {
        var words = normalized.Split(normalized.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3)
        {
            return [string.Join(' ', words)];
        }

        return Enumerable.Range(0, words.Length - 2).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}").ToHashSet();
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var intersection = a.Count(b.Contains);
        return (double)intersection / (a.Count + b.Count - intersection);
    }

    private static string Abbreviate(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
