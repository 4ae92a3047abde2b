using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Claims.Inference.Hosting;

/// <summary>Healthy when the model loads and scores a sentence; unhealthy, with the reason, when it does not.</summary>
public sealed class ClaimClassifierHealthCheck(IServiceProvider services) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var classifier = (ClaimClassifier)services.GetService(typeof(ClaimClassifier))!;
            classifier.Classify("Health check.");
            var manifest = classifier.Manifest;
            return Task.FromResult(HealthCheckResult.Healthy($"model {manifest.Name} ({manifest.Profile}) trained {manifest.CreatedAt:yyyy-MM-dd}"));
        }
        catch (Exception e) when (e is InvalidModelException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(e.Message, e));
        }
    }
}
