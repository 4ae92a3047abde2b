using Claims.Inference;
using Claims.Inference.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Claims.Tests;

[Collection(nameof(SmallModelCollection))]
public sealed class HostingSpecs(SmallModelFixture fixture)
{
    [Fact]
    public async Task AddClaimClassifier_registers_one_shared_classifier_and_a_healthy_check()
    {
        var services = new ServiceCollection().AddLogging().AddClaimClassifier(o => o.ModelDirectory = fixture.ModelDirectory);
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<ClaimClassifier>();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Same(first, provider.GetRequiredService<ClaimClassifier>());
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_and_names_the_file_when_the_model_is_missing()
    {
        using var empty = new TempDirectory();
        var services = new ServiceCollection().AddLogging().AddClaimClassifier(o => o.ModelDirectory = empty.Path);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains(Path.Combine(empty.Path, "manifest.json"), report.Entries["claims-model"].Description);
    }

    [Fact]
    public async Task ClassifyAsync_honours_cancellation()
    {
        using var classifier = ClaimClassifier.Load(fixture.ModelDirectory);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => classifier.ClassifyAsync(fixture.Sentences.Select(s => s.Text), cancelled.Token));
    }
}
