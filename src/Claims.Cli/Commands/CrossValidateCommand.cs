using System.CommandLine;
using Claims.Cli.Output;
using Claims.Inference;
using Claims.Training.Data;
using Claims.Training.Evaluation;
using Claims.Training.Modeling;

namespace Claims.Cli.Commands;

/// <summary><c>claims crossval</c>: held-out evaluations of training on the data folder.</summary>
internal static class CrossValidateCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var folds = new Option<int>("--folds") { Description = "Folds of the grouped cross-validation over the authored data.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on standard output." };
        var profile = CommonOptions.Profile();
        var features = new Option<FeatureSet?>("--features") { Description = "Override the profile's features (for comparisons)." };
        var trainer = new Option<HeadAlgorithm?>("--trainer") { Description = "Override the profile's trainer (for comparisons)." };
        var wordNgrams = new Option<int?>("--word-ngrams") { Description = "Override the longest word n-gram; 0 turns them off (for comparisons)." };
        var charNgrams = new Option<int?>("--char-ngrams") { Description = "Override the character n-gram length; 0 turns them off (for comparisons)." };
        var ngramSlots = new Option<int?>("--ngram-slots") { Description = "Override how many slots the n-grams are hashed into, a power of two (for comparisons)." };
        var embeddingScale = new Option<float?>("--embedding-scale") { Description = "Override the weight of the embedding beside the n-grams (for comparisons)." };
        var l2 = new Option<float?>("--l2") { Description = "Override the trainer's L2 regularisation (for comparisons)." };
        var encoder = new Option<string?>("--encoder") { Description = "Override the sentence encoder (for comparisons)." };
        encoder.AcceptOnlyFromAmong(SentenceEncoder.MiniLmName, SentenceEncoder.ArcticXsName);
        var command = new Command("crossval", "Leave-one-article-out over the seeds and grouped k-fold over the authored data; no scored sentence's article is ever trained on.") { data, folds, json, profile, features, trainer, wordNgrams, charNgrams, ngramSlots, embeddingScale, l2, encoder };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetRequiredValue(data), result.GetValue(folds), result.GetValue(json), Options(result.GetRequiredValue(profile), result.GetValue(features), result.GetValue(trainer), result.GetValue(wordNgrams), result.GetValue(charNgrams), result.GetValue(ngramSlots), result.GetValue(embeddingScale), result.GetValue(l2), result.GetValue(encoder)), result.InvocationConfiguration.Output, cancellationToken)));
        return command;
    }

    private static TrainingOptions Options(string profile, FeatureSet? features, HeadAlgorithm? trainer, int? wordNgrams, int? charNgrams, int? ngramSlots, float? embeddingScale, float? l2, string? encoder)
    {
        var options = CommonOptions.Profiles[profile];
        return options with
        {
            Features = features ?? options.Features,
            Algorithm = trainer ?? options.Algorithm,
            WordNgramLength = wordNgrams ?? options.WordNgramLength,
            CharNgramLength = charNgrams ?? options.CharNgramLength,
            NgramDimensions = ngramSlots ?? options.NgramDimensions,
            EmbeddingScale = embeddingScale ?? options.EmbeddingScale,
            L2Regularization = l2 ?? options.L2Regularization,
            Encoder = encoder ?? options.Encoder,
        };
    }

    private static int Run(string dataDirectory, int folds, bool json, TrainingOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var data = TrainingData.Load(dataDirectory);
        var embeddings = CommonOptions.Embeddings(options);
        var seeds = CrossValidation.LeaveOneArticleOut(data, options, embeddings, cancellationToken: cancellationToken);
        var (seedsPooled, perArticle) = (seeds.Pooled, seeds.PerGroup);
        var seedsOnlyPooled = CrossValidation.LeaveOneArticleOut(data, options, embeddings, includeAuthored: false, cancellationToken: cancellationToken).Pooled;
        var hasAuthored = data.Sentences.Count > data.Seeds.Count;
        var grouped = hasAuthored ? CrossValidation.GroupedKFold(data, folds, options, embeddings, cancellationToken).Pooled : null;
        if (json)
        {
            ReportPrinter.PrintJson(output, new
            {
                data_sha256 = data.Sha256,
                features = options.Features.ToString(),
                trainer = options.Algorithm.ToString(),
                seeds_leave_one_article_out = seedsPooled,
                seeds_leave_one_article_out_seeds_only = seedsOnlyPooled,
                seeds_per_article = perArticle,
                authored_grouped_k_fold = grouped,
            });
            return ExitCodes.Success;
        }

        output.WriteLine($"data {dataDirectory}: {data.Sentences.Count} sentences, {data.Seeds.Count} of them seeds (sha256 {data.Sha256[..12]}); features {options.Features}, trainer {options.Algorithm}, n-grams {(options.Ngrams is { } n ? $"words 1-{n.WordNgramLength}, characters {n.CharNgramLength}, {n.Dimensions} slots" : "none")}, embedding scale {options.EmbeddingScale}, L2 {options.L2Regularization}, encoder {options.Encoder}");
        ReportPrinter.PrintSummaryLine(output, "seeds LOAO, trained on other seeds only", seedsOnlyPooled);
        ReportPrinter.PrintSummaryLine(output, "seeds LOAO, trained on all other data", seedsPooled);
        foreach (var (article, report) in perArticle)
        {
            ReportPrinter.PrintSummaryLine(output, $"  held out {article}", report);
        }

        if (grouped is not null)
        {
            ReportPrinter.PrintSummaryLine(output, $"authored data, grouped {folds}-fold", grouped);
            ReportPrinter.PrintTable(output, $"authored data, grouped {folds}-fold", grouped);
        }

        ReportPrinter.PrintTable(output, "seeds LOAO, trained on all other data", seedsPooled);
        return ExitCodes.Success;
    }
}
