using System.Text.Json;
using Claims.Inference;
using Claims.Inference.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Claims.Server;

/// <summary>
/// The HTTP service: <c>POST /v1/classify</c>, <c>POST /v1/articles</c>, <c>GET /v1/model</c>, <c>GET /healthz</c> and
/// the OpenAPI document at <c>/openapi/v1.json</c>, on Kestrel.
/// </summary>
public static class ClaimsServer
{
    /// <summary>Builds the service (not started): the model loads when the app starts, so a bad model fails at once.</summary>
    public static WebApplication Build(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.Configure<JsonOptions>(j => j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails(p => p.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["request_id"] = c.HttpContext.TraceIdentifier);
        builder.Services.AddOpenApi();
        builder.Services.AddClaimClassifier(o => o.ModelDirectory = options.ModelDirectory);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<RequestReader>();

        var app = builder.Build();

        // Unexpected errors become a 500 problem document without a stack trace; the log has the request id.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 200, [HealthStatus.Unhealthy] = 503 },
        });

        var api = app.MapGroup("/v1");
        api.MapPost("/classify", ClassifyAsync)
            .WithSummary("Label sentences with a claim type and a stance.")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapPost("/articles", ArticlesAsync)
            .WithSummary("Split articles into sentences and label each one, with character offsets.")
            .Accepts<ArticleRequest>("application/json")
            .Produces<ArticlesResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/model", (ClaimClassifier classifier) => Results.Json(classifier.Manifest, ModelManifest.JsonOptions))
            .WithSummary("The model card: labels, metrics, calibration, data hash, date.")
            .Produces<ModelManifest>();

        // Load the model with the app, not on the first request.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<ClaimClassifier>());
        return app;
    }

    private static async Task<IResult> ClassifyAsync(HttpRequest request, RequestReader reader, ClaimClassifier classifier, CancellationToken cancellationToken)
    {
        var (sentences, problem) = await reader.ReadSentencesAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var predictions = await classifier.ClassifyAsync(sentences!, cancellationToken);
        return Results.Ok(new ClassifyResponse(sentences!.Zip(predictions, SentenceLabels.From).ToList()));
    }

    private static async Task<IResult> ArticlesAsync(HttpRequest request, RequestReader reader, ClaimClassifier classifier, CancellationToken cancellationToken)
    {
        var (articles, problem) = await reader.ReadArticlesAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var results = new List<ArticleResult>();
        foreach (var (id, text) in articles!)
        {
            var scored = await classifier.ClassifyArticleAsync(text, id, cancellationToken);
            results.Add(new ArticleResult(id, scored.Select(s => new ArticleSentence(s.Sentence.Index, s.Sentence.Start, s.Sentence.End, SentenceLabels.From(s.Sentence.Text, s.Prediction))).ToList()));
        }

        return Results.Ok(new ArticlesResponse(results));
    }

    /// <summary>The body of <c>POST /v1/classify</c> (documented in OpenAPI; read by <see cref="RequestReader"/>).</summary>
    /// <param name="Sentences">1 to the configured maximum of sentences.</param>
    public sealed record ClassifyRequest(IReadOnlyList<string> Sentences);

    /// <summary>One article of <c>POST /v1/articles</c>; the body is one of these or an array of them.</summary>
    /// <param name="Id">The article's id, echoed back.</param>
    /// <param name="Text">The article text.</param>
    public sealed record ArticleRequest(string Id, string Text);
}
