using Claims.Inference;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Claims.Training.Modeling;

/// <summary>Trains one classification head (claim type or stance) on normalised sentence text.</summary>
internal static class HeadTrainer
{
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private sealed class LabeledRow
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    /// <summary>Fits featuriser and trainer on (text, label) pairs; the text is normalised here.</summary>
    public static TrainedHead Train(MLContext ml, IEnumerable<(string Text, string Label)> examples, TrainingOptions options, CancellationToken cancellationToken)
    {
        var rows = examples.Select(e => new LabeledRow { Text = TextNormalizer.Normalize(e.Text), Label = e.Label }).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var data = ml.Data.LoadFromEnumerable(rows);

        // Keying the label is done outside the exported chain, so that the ONNX graph needs the text alone.
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(data)
            .Transform(data);

        var pipeline = ml.Transforms.Text.FeaturizeText("Features", Featurizer(options), "Text")
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = options.L2Regularization,
                MaximumNumberOfIterations = options.MaximumIterations,
                Shuffle = false,
            }));
        var model = pipeline.Fit(keyed);
        cancellationToken.ThrowIfCancellationRequested();
        return new TrainedHead(ml, model, ScoreLabels(model.Transform(keyed).Schema));
    }

    private static TextFeaturizingEstimator.Options Featurizer(TrainingOptions options) => new()
    {
        // Case, diacritics and stop words stay out of the graph: TextNormalizer does that work in C#.
        CaseMode = TextNormalizingEstimator.CaseMode.None,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.WordNgramLength, UseAllLengths = true },
        CharFeatureExtractor = options.CharNgramLength > 0
            ? new WordBagEstimator.Options { NgramLength = options.CharNgramLength, UseAllLengths = false }
            : null,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private static IReadOnlyList<string> ScoreLabels(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToList();
    }

    /// <summary>A fitted head: the ML.NET chain from text to scores, and the label of each score slot.</summary>
    internal sealed record TrainedHead(MLContext Ml, ITransformer Model, IReadOnlyList<string> Labels)
    {
        /// <summary>The probability of every label for each text, in <see cref="Labels"/> order.</summary>
        public IReadOnlyList<float[]> Score(IEnumerable<string> texts)
        {
            var view = Ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = TextNormalizer.Normalize(t) }));
            var scored = Model.Transform(view);
            return scored.GetColumn<float[]>("Score").ToList();
        }

        /// <summary>Writes the chain as an ONNX graph with one string input, <c>Text</c>.</summary>
        public void ExportOnnx(Stream stream)
        {
            var textOnly = Ml.Data.LoadFromEnumerable(new[] { new TextRow { Text = "" } });
            Ml.Model.ConvertToOnnx(Model, textOnly, stream);
        }
    }
}
