using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Claims.Inference.Hosting;

/// <summary>Registers the classifier with Microsoft.Extensions.DependencyInjection.</summary>
public static class ClaimsServiceCollectionExtensions
{
    /// <summary>
    /// Adds one shared <see cref="ClaimClassifier"/> (loaded on first use, disposed with the container) and a
    /// health check named <c>claims-model</c> that reports whether it loaded.
    /// </summary>
    /// <example><code>services.AddClaimClassifier(o => o.ModelDirectory = "models/default");</code></example>
    public static IServiceCollection AddClaimClassifier(this IServiceCollection services, Action<ClaimClassifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ClaimClassifierOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ClaimClassifierOptions>>().Value;
            return ClaimClassifier.Load(settings.ResolveModelDirectory(), settings.IntraOpThreads);
        });
        services.AddHealthChecks().AddCheck<ClaimClassifierHealthCheck>("claims-model", HealthStatus.Unhealthy, ["ready"]);
        return services;
    }
}
