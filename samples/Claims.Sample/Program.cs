using Claims.Inference;
using Claims.Inference.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// A service that embeds the classifier: register it once, check its health, label an article.
// Usage: dotnet run --project samples/Claims.Sample -- MODEL_DIR ARTICLE.txt
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Claims.Sample MODEL_DIR ARTICLE.txt");
    return 2;
}

var services = new ServiceCollection()
    .AddLogging()
    .AddClaimClassifier(options => options.ModelDirectory = args[0]);
await using var provider = services.BuildServiceProvider();

var health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
Console.WriteLine($"model: {health.Status} ({health.Entries["claims-model"].Description})");
if (health.Status != HealthStatus.Healthy)
{
    return 1;
}

var classifier = provider.GetRequiredService<ClaimClassifier>();
foreach (var (sentence, prediction) in await classifier.ClassifyArticleAsync(await File.ReadAllTextAsync(args[1]), args[1]))
{
    Console.WriteLine($"{prediction.ClaimType,-20} {prediction.Stance,-8} {(prediction.Uncertain ? "?" : " ")} {sentence.Text}");
}

return 0;
