using Claims.Inference;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Claims.Training.Modeling;

/// <summary>Trains one classification head (claim type or stance) on hashed n-grams and/or sentence embeddings.</summary>
internal static class HeadTrainer
{
    private sealed class InputRow
    {
        public VBuffer<float> Ngrams { get; set; }

        [VectorType(SentenceEncoder.Dimensions)]
        public float[] Embedding { get; set; } = new float[SentenceEncoder.Dimensions];

        public string Label { get; set; } = "";
    }

    /// <summary>Fits the trainer on (text, embedding, label) triples; the text is normalised and hashed here.</summary>
    public static TrainedHead Train(MLContext ml, IReadOnlyList<string> texts, float[][]? embeddings, IReadOnlyList<string> labels, TrainingOptions options, CancellationToken cancellationToken)
    {
        var data = Load(ml, texts, embeddings, labels, options);
        cancellationToken.ThrowIfCancellationRequested();

        // Keying the label is done outside the exported chain, so that the ONNX graph needs the inputs alone.
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(data)
            .Transform(data);

        var model = Features(ml, options).Append(Trainer(ml, options)).Fit(keyed);
        cancellationToken.ThrowIfCancellationRequested();
        return new TrainedHead(ml, model, ScoreLabels(model.Transform(keyed).Schema), options);
    }

    /// <summary>
    /// The rows as an ML.NET view: the n-gram vectors sparse (a sentence fills a few dozen of their slots), and
    /// the columns a profile (or, when scoring, the lack of labels) leaves unused left out.
    /// </summary>
    private static IDataView Load(MLContext ml, IReadOnlyList<string> texts, float[][]? embeddings, IReadOnlyList<string>? labels, TrainingOptions options)
    {
        var settings = options.Ngrams;
        var featurizer = settings is null ? null : new NgramFeaturizer(settings);
        var rows = texts.Select((t, i) => new InputRow
        {
            Ngrams = featurizer is null ? default : Sparse(featurizer, t),
            Embedding = embeddings is null ? new float[SentenceEncoder.Dimensions] : embeddings[i].Select(x => x * options.EmbeddingScale).ToArray(),
            Label = labels?[i] ?? "",
        }).ToList();
        var schema = SchemaDefinition.Create(typeof(InputRow));
        schema[nameof(InputRow.Ngrams)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, settings?.Dimensions ?? 1);
        schema.RemoveAll(column => column.ColumnName switch
        {
            nameof(InputRow.Ngrams) => settings is null,
            nameof(InputRow.Embedding) => !options.UsesEmbedding,
            _ => labels is null,
        });
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>The featuriser's sparse vector as ML.NET's.</summary>
    private static VBuffer<float> Sparse(NgramFeaturizer featurizer, string text)
    {
        var (slots, values) = featurizer.FeaturizeSparse(TextNormalizer.Normalize(text));
        return new VBuffer<float>(featurizer.Dimensions, slots.Length, values, slots);
    }

    private static IEstimator<ITransformer> Features(MLContext ml, TrainingOptions options) => options.Features switch
    {
        FeatureSet.Ngrams => ml.Transforms.Concatenate("Features", nameof(InputRow.Ngrams)),
        FeatureSet.Embedding => ml.Transforms.Concatenate("Features", nameof(InputRow.Embedding)),
        FeatureSet.NgramsAndEmbedding => ml.Transforms.Concatenate("Features", nameof(InputRow.Ngrams), nameof(InputRow.Embedding)),
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
        public IReadOnlyList<float[]> Score(IReadOnlyList<string> texts, float[][]? embeddings) =>
            Model.Transform(Load(Ml, texts, embeddings, null, Options)).GetColumn<float[]>("Score").ToList();

        /// <summary>Writes the head as an ONNX graph (see <see cref="HeadGraph"/>) whose inputs are the n-grams and/or the embedding, as the profile uses them.</summary>
        public void ExportOnnx(Stream stream)
        {
            var linear = ((MulticlassPredictionTransformer<MaximumEntropyModelParameters>)((TransformerChain<ITransformer>)Model).LastTransformer).Model;
            VBuffer<float>[] weights = [];
            linear.GetWeights(ref weights, out _);
            var ngramSlots = Options.Ngrams?.Dimensions ?? 0;
            var embeddingWidth = Options.UsesEmbedding ? SentenceEncoder.Dimensions : 0;
            LinearHeadExporter.Write(
                stream,
                ngramSlots == 0 ? null : Transposed(weights, 0, ngramSlots),
                embeddingWidth == 0 ? null : Transposed(weights, ngramSlots, embeddingWidth).Select(w => w * Options.EmbeddingScale).ToArray(),
                linear.GetBiases().ToArray());
        }

        /// <summary>Features <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> of each label's weights, as a row-major [feature, label] matrix.</summary>
        private static float[] Transposed(VBuffer<float>[] weights, int start, int length)
        {
            var matrix = new float[length * weights.Length];
            for (var label = 0; label < weights.Length; label++)
            {
                foreach (var (feature, weight) in weights[label].Items())
                {
                    if (feature >= start && feature < start + length)
                    {
                        matrix[((feature - start) * weights.Length) + label] = weight;
                    }
                }
            }

            return matrix;
        }
    }
}
