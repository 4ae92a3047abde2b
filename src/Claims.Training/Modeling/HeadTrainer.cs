using Claims.Inference;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Claims.Training.Modeling;

/// <summary>Trains one classification head (claim type or stance) on normalised text and, optionally, sentence embeddings.</summary>
internal static class HeadTrainer
{
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private sealed class InputRow
    {
        public string Text { get; set; } = "";

        [VectorType(SentenceEncoder.Dimensions)]
        public float[] Embedding { get; set; } = new float[SentenceEncoder.Dimensions];
    }

    private sealed class LabeledRow
    {
        public string Text { get; set; } = "";

        [VectorType(SentenceEncoder.Dimensions)]
        public float[] Embedding { get; set; } = new float[SentenceEncoder.Dimensions];

        public string Label { get; set; } = "";
    }

    /// <summary>Fits featuriser and trainer on (text, embedding, label) triples; the text is normalised here.</summary>
    public static TrainedHead Train(MLContext ml, IReadOnlyList<string> texts, float[][]? embeddings, IReadOnlyList<string> labels, TrainingOptions options, CancellationToken cancellationToken)
    {
        var rows = texts.Select((t, i) => new LabeledRow
        {
            Text = TextNormalizer.Normalize(t),
            Embedding = embeddings?[i] ?? new float[SentenceEncoder.Dimensions],
            Label = labels[i],
        }).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var data = ml.Data.LoadFromEnumerable(rows);

        // Keying the label is done outside the exported chain, so that the ONNX graph needs the inputs alone.
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(data)
            .Transform(data);

        var model = Features(ml, options).Append(Trainer(ml, options)).Fit(keyed);
        cancellationToken.ThrowIfCancellationRequested();
        return new TrainedHead(ml, model, ScoreLabels(model.Transform(keyed).Schema), options);
    }

    private static IEstimator<ITransformer> Features(MLContext ml, TrainingOptions options) => options.Features switch
    {
        FeatureSet.Ngrams => ml.Transforms.Text.FeaturizeText("Features", Featurizer(options), "Text"),
        FeatureSet.Embedding => ml.Transforms.Concatenate("Features", "Embedding"),
        FeatureSet.NgramsAndEmbedding => ml.Transforms.Text.FeaturizeText("Ngrams", Featurizer(options), "Text")
            .Append(ml.Transforms.Concatenate("Features", "Ngrams", "Embedding")),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Features, "Unknown feature set."),
    };

    private static IEstimator<ITransformer> Trainer(MLContext ml, TrainingOptions options) => options.Algorithm switch
    {
        // One thread and no shuffling: the same data gives the same weights, and so the same ONNX bytes.
        HeadAlgorithm.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            NumberOfThreads = 1,
            L2Regularization = options.L2Regularization,
            MaximumNumberOfIterations = options.MaximumIterations,
            Shuffle = false,
        }),
        HeadAlgorithm.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            NumberOfThreads = 1,
            L2Regularization = options.L2Regularization,
            L1Regularization = 0,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Algorithm, "Unknown trainer."),
    };

    private static TextFeaturizingEstimator.Options Featurizer(TrainingOptions options) => new()
    {
        // Case, diacritics and stop words stay out of the graph: TextNormalizer does that work in C#.
        CaseMode = TextNormalizingEstimator.CaseMode.None,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        WordFeatureExtractor = options.WordNgramLength > 0
            ? new WordBagEstimator.Options { NgramLength = options.WordNgramLength, UseAllLengths = true }
            : null,
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

    /// <summary>A fitted head: the ML.NET chain from inputs to scores, and the label of each score slot.</summary>
    internal sealed record TrainedHead(MLContext Ml, ITransformer Model, IReadOnlyList<string> Labels, TrainingOptions Options)
    {
        /// <summary>The probability of every label for each text, in <see cref="Labels"/> order.</summary>
        public IReadOnlyList<float[]> Score(IReadOnlyList<string> texts, float[][]? embeddings)
        {
            var view = Ml.Data.LoadFromEnumerable(texts.Select((t, i) => new InputRow
            {
                Text = TextNormalizer.Normalize(t),
                Embedding = embeddings?[i] ?? new float[SentenceEncoder.Dimensions],
            }));
            return Model.Transform(view).GetColumn<float[]>("Score").ToList();
        }

        /// <summary>Writes the chain as an ONNX graph whose inputs are <c>Text</c> and, if used, <c>Embedding</c>.</summary>
        public void ExportOnnx(Stream stream)
        {
            // The graph's inputs are the columns of this view, so the fast profile's must not hold an embedding.
            var inputs = Options.UsesEmbedding
                ? Ml.Data.LoadFromEnumerable(new[] { new InputRow() })
                : Ml.Data.LoadFromEnumerable(new[] { new TextRow() });
            Ml.Model.ConvertToOnnx(Model, inputs, stream);
        }
    }
}
