using Claims.Inference;
using Claims.Training.Data;
using CsvHelper;

namespace Claims.Training.Evaluation;

/// <summary>
/// The Emergent stance benchmark (Ferreira and Vlachos, 2016): real news headlines labeled <c>for</c>,
/// <c>against</c> or <c>observing</c> toward a rumoured claim. Used to evaluate the stance head on text nobody
/// here wrote; never trained on. Our stances map as the benchmark's README says: support to for, deny to
/// against, the rest to observing.
/// </summary>
public static class EmergentBenchmark
{
    /// <summary>The benchmark's labels, in the order reports list them.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["for", "against", "observing"];

    /// <summary>The benchmark label a stance counts as.</summary>
    public static string Map(Stance stance) => stance switch
    {
        Stance.Support => "for",
        Stance.Deny => "against",
        _ => "observing",
    };

    /// <summary>Reads the headlines and their labels (columns <c>articleHeadline</c>, <c>articleHeadlineStance</c>).</summary>
    /// <exception cref="InvalidDataFileException">The file is missing, lacks a column or holds an unknown label.</exception>
    public static IReadOnlyList<(string Headline, string Stance)> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataFileException([new DataProblem(new DataLocation(path, 0), "benchmark file not found")]);
        }

        var rows = new List<(string, string)>();
        var problems = new List<DataProblem>();
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true });
        if (!csv.Headers.Contains("articleHeadline") || !csv.Headers.Contains("articleHeadlineStance"))
        {
            throw new InvalidDataFileException([new DataProblem(new DataLocation(path, 1), "missing column articleHeadline or articleHeadlineStance")]);
        }

        while (csv.Read())
        {
            var stance = csv.GetString("articleHeadlineStance").Trim();
            if (!Labels.Contains(stance))
            {
                problems.Add(new DataProblem(new DataLocation(path, csv.LineNumber), $"unknown stance '{stance}'"));
                continue;
            }

            rows.Add((csv.GetString("articleHeadline"), stance));
        }

        return problems.Count == 0 ? rows : throw new InvalidDataFileException(problems);
    }

    /// <summary>Scores the benchmark file at <paramref name="path"/> with the model folder's stance head (ONNX, as shipped).</summary>
    /// <returns>How many headlines were scored, and the metrics.</returns>
    public static (int Headlines, ClassificationMetrics Stance) Evaluate(string modelDirectory, string path, CancellationToken cancellationToken = default)
    {
        var benchmark = Load(path);
        using var classifier = ClaimClassifier.Load(modelDirectory);
        var predicted = classifier.Classify(benchmark.Select(b => b.Headline), cancellationToken).Select(p => p.Stance).ToList();
        return (benchmark.Count, Evaluate(benchmark, predicted));
    }

    /// <summary>Accuracy, macro-F1 and confusion of predicted stances, mapped to the benchmark's labels.</summary>
    public static ClassificationMetrics Evaluate(IReadOnlyList<(string Headline, string Stance)> benchmark, IReadOnlyList<Stance> predicted) =>
        ClassificationMetrics.Compute(Labels, benchmark.Select(b => b.Stance).ToList(), predicted.Select(Map).ToList());
}
