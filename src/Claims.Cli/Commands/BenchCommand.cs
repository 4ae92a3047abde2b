using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Claims.Inference;
using Claims.Training.Data;

namespace Claims.Cli.Commands;

/// <summary>
/// <c>claims bench</c>: throughput and latency of the shipped models on sentences from the data folder.
/// A benchmark to run by hand, never a timed test.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--sentences") { Description = "How many sentences each measurement scores.", DefaultValueFactory = _ => 10_000 };
        var profile = CommonOptions.Profile("all");
        profile.DefaultValueFactory = _ => "all";
        var data = CommonOptions.Data();
        var http = new Option<string?>("--http") { Description = "Instead, load a running 'claims serve' at this URL: requests/s and latency percentiles." };
        var clients = new Option<int>("--clients") { Description = "With --http: concurrent clients.", DefaultValueFactory = _ => 16 };
        var command = new Command("bench", "Measure sentences/s (batch, single caller, parallel callers), time to first prediction and peak memory; or, with --http, a running service.")
        {
            count, profile, data, http, clients,
        };
        command.SetAction(async (result, cancellationToken) => result.GetValue(http) is { } url
            ? await RunHttp(url, result.GetValue(count), result.GetValue(clients), result.GetRequiredValue(data), result.InvocationConfiguration.Output, cancellationToken)
            : Run(result.GetValue(count), result.GetRequiredValue(profile), result.GetRequiredValue(data), result.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static async Task<int> RunHttp(string url, int requests, int clients, string dataDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var pool = TrainingData.Load(dataDirectory).Sentences.Select(s => s.Text).ToList();
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var latencies = new double[requests];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var body = System.Text.Json.JsonSerializer.Serialize(new { sentences = new[] { pool[i % pool.Count] } });
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("/v1/classify", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
            await response.Content.ReadAsStringAsync(ct);
            latencies[i] = watch.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{requests} requests of one sentence, {clients} clients, {url}: {requests / seconds:0} requests/s, p50 {latencies[requests / 2]:0.0} ms, p99 {latencies[(int)(requests * 0.99)]:0.0} ms, {failures} failed"));
        return failures == 0 ? ExitCodes.Success : ExitCodes.SomeInputFailed;
    }

    private static int Run(int count, string profile, string dataDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var pool = TrainingData.Load(dataDirectory).Sentences.Select(s => s.Text).ToList();
        var sentences = Enumerable.Range(0, count).Select(i => pool[i % pool.Count]).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {count} sentences from {dataDirectory}, {DateTime.UtcNow:yyyy-MM-dd}"));
        output.WriteLine("| profile | measurement | sentences/s |");
        output.WriteLine("|---|---|---:|");
        foreach (var name in CommonOptions.Profiles.Keys.Where(p => profile == "all" || p == profile))
        {
            var clock = Stopwatch.StartNew();
            using var classifier = CommonOptions.LoadClassifier(CommonOptions.ModelDirectory(null, name));
            classifier.Classify(sentences[0]);
            Row(output, name, "time to first prediction (load + 1 sentence), ms", clock.Elapsed.TotalMilliseconds);

            Row(output, name, "batch: Classify(IEnumerable) from one caller", Rate(batch => classifier.Classify(batch, cancellationToken)));
            Row(output, name, "single caller: Classify(string) in a loop", Rate(batch => batch.ForEach(s => classifier.Classify(s))));
            Row(output, name, $"parallel callers ({Environment.ProcessorCount}): Classify(string)", Rate(batch => Parallel.ForEach(batch, new ParallelOptions { CancellationToken = cancellationToken }, s => classifier.Classify(s))));
            if (classifier.Manifest.Encoder is not null)
            {
                using var encoder = SentenceEncoder.LoadMiniLm();
                Row(output, name, "the encoder alone: SentenceEncoder.Encode (batches of 32)", Rate(batch => encoder.Encode(batch, cancellationToken)));
            }

            // Warm-up runs on a tenth of the sentences for at least 2 s first, as BenchmarkDotNet does, so that the timed
            // run measures the steady state a long batch job sees (the JIT's optimised code), not the JIT itself.
            double Rate(Action<List<string>> run)
            {
                var watch = Stopwatch.StartNew();
                do
                {
                    run(sentences.GetRange(0, Math.Max(1, count / 10)));
                }
                while (watch.Elapsed < TimeSpan.FromSeconds(2));

                watch.Restart();
                run(sentences);
                return count / watch.Elapsed.TotalSeconds;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB"));
        return ExitCodes.Success;
    }

    private static void Row(TextWriter output, string profile, string measurement, double value) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {profile} | {measurement} | {value:0} |"));
}
