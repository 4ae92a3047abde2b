using System.Globalization;
using System.Text.Json;
using Claims.Inference;
using CsvHelper;

namespace Claims.Cli.Output;

/// <summary>Writes scored sentences, one row per sentence, as JSON Lines or CSV.</summary>
internal abstract class PredictionWriter : IDisposable
{
    public static PredictionWriter Create(string format, TextWriter output) => format switch
    {
        "jsonl" => new JsonLinesWriter(output),
        "csv" => new CsvPredictionWriter(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Expected jsonl or csv."),
    };

    public abstract void Write(string article, SentencePrediction scored);

    public abstract void Dispose();

    private sealed class JsonLinesWriter(TextWriter output) : PredictionWriter
    {
        private static readonly JsonSerializerOptions Options = new(ModelManifest.JsonOptions) { WriteIndented = false };

        public override void Write(string article, SentencePrediction scored)
        {
            var (sentence, prediction) = scored;
            var row = new
            {
                article,
                index = sentence.Index,
                start = sentence.Start,
                end = sentence.End,
                text = sentence.Text,
                claim_type = prediction.ClaimType.Name(),
                claim_type_confidence = Math.Round(prediction.ClaimTypeConfidence, 4),
                stance = prediction.Stance.Name(),
                stance_confidence = Math.Round(prediction.StanceConfidence, 4),
                uncertain = prediction.Uncertain,
                probabilities = new
                {
                    claim_type = prediction.ClaimTypeProbabilities.ToDictionary(kv => kv.Key.Name(), kv => Math.Round(kv.Value, 4)),
                    stance = prediction.StanceProbabilities.ToDictionary(kv => kv.Key.Name(), kv => Math.Round(kv.Value, 4)),
                },
            };
            output.WriteLine(JsonSerializer.Serialize(row, Options));
        }

        public override void Dispose() => output.Flush();
    }

    private sealed class CsvPredictionWriter : PredictionWriter
    {
        private readonly CsvWriter _csv;

        public CsvPredictionWriter(TextWriter output)
        {
            // A sentence that starts with = + - @ must not run as a formula when the file is opened in a spreadsheet.
            _csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true);
            string[] header =
            [
                "article", "index", "start", "end", "text", "claim_type", "claim_type_confidence", "stance", "stance_confidence", "uncertain",
                .. Labels.ClaimTypes.Select(c => $"p_{c.Name()}"), .. Labels.Stances.Select(s => $"p_{s.Name()}"),
            ];
            _csv.WriteHeader(header);
        }

        public override void Write(string article, SentencePrediction scored)
        {
            var (sentence, prediction) = scored;
            string[] fields =
            [
                article, Number(sentence.Index), Number(sentence.Start), Number(sentence.End), sentence.Text,
                prediction.ClaimType.Name(), Number(prediction.ClaimTypeConfidence), prediction.Stance.Name(), Number(prediction.StanceConfidence), prediction.Uncertain ? "true" : "false",
                .. Labels.ClaimTypes.Select(c => Number(prediction.ClaimTypeProbabilities[c])),
                .. Labels.Stances.Select(s => Number(prediction.StanceProbabilities[s])),
            ];
            _csv.WriteRecord(fields);
        }

        public override void Dispose() => _csv.Dispose();

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Number(float value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);
    }
}
