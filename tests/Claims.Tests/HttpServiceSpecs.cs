using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Claims.Inference;
using Claims.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Claims.Tests;

/// <summary>The real service on Kestrel, on a free loopback port, for the HTTP specifications.</summary>
public sealed class RunningServer : IAsyncLifetime
{
    private readonly SmallModelFixture _model = new();
    private WebApplication? _app;

    public HttpClient Client { get; } = new();

    public string ModelDirectory => _model.ModelDirectory;

    public async Task InitializeAsync()
    {
        _app = ClaimsServer.Build(new ServerOptions { ModelDirectory = _model.ModelDirectory, Urls = "http://127.0.0.1:0", MaxItemsPerRequest = 50, MaxBodyBytes = 64 * 1024, MaxTextLength = 5000 });
        await _app.StartAsync();
        Client.BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _app!.StopAsync();
        await _app.DisposeAsync();
        _model.Dispose();
    }
}

public sealed class HttpServiceSpecs(RunningServer server) : IClassFixture<RunningServer>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> Post(string path, string body)
    {
        using var response = await server.Client.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Classify_returns_labels_for_every_sentence_in_order()
    {
        var (status, body, _) = await Post("/v1/classify", """{"sentences": ["Five soldiers were killed.", "The Kremlin declined to comment."]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(["Five soldiers were killed.", "The Kremlin declined to comment."], predictions.Select(p => p.GetProperty("text").GetString()));
        using var classifier = ClaimClassifier.Load(server.ModelDirectory);
        var expected = classifier.Classify("The Kremlin declined to comment.");
        Assert.Equal(expected.ClaimType.Name(), predictions[1].GetProperty("claim_type").GetString());
        Assert.Equal(expected.Stance.Name(), predictions[1].GetProperty("stance").GetString());
        Assert.Equal(5, predictions[1].GetProperty("probabilities").GetProperty("stance").EnumerateObject().Count());
    }

    [Fact]
    public async Task Articles_returns_sentences_with_offsets_for_one_or_many_articles()
    {
        var (status, body, _) = await Post("/v1/articles", """[{"id": "a", "text": "First one. Second one."}, {"id": 7, "text": "Only line"}]""");

        Assert.Equal(HttpStatusCode.OK, status);
        var articles = body.GetProperty("articles").EnumerateArray().ToList();
        Assert.Equal(["a", "7"], articles.Select(a => a.GetProperty("id").GetString()));
        var second = articles[0].GetProperty("sentences")[1];
        Assert.Equal((1, 11, 22, "Second one."), (second.GetProperty("index").GetInt32(), second.GetProperty("start").GetInt32(), second.GetProperty("end").GetInt32(), second.GetProperty("labels").GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Model_health_and_openapi_endpoints_answer()
    {
        var model = await server.Client.GetFromJsonAsync<JsonElement>("/v1/model");
        var health = await server.Client.GetAsync("/healthz");
        var openApi = await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.Equal(5, model.GetProperty("claim_type").GetProperty("labels").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/v1/classify", out _));
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/v1/articles", out _));
    }

    [Theory]
    [InlineData("/v1/classify", "{not json", "body")]
    [InlineData("/v1/classify", """{"sentences": "one"}""", "sentences")]
    [InlineData("/v1/classify", """{"sentences": []}""", "sentences")]
    [InlineData("/v1/classify", """{"sentences": ["ok", 3]}""", "sentences[1]")]
    [InlineData("/v1/classify", """{"text": "wrong field"}""", "sentences")]
    [InlineData("/v1/articles", """{"id": "a"}""", "text")]
    [InlineData("/v1/articles", """[{"id": "a", "text": "ok"}, {"id": {}, "text": "x"}]""", "[1].id")]
    [InlineData("/v1/articles", """[]""", "articles")]
    public async Task Bad_input_gets_a_400_problem_document_naming_the_field(string path, string body, string field)
    {
        var (status, problem, mediaType) = await Post(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        var named = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Single().Name : problem.GetProperty("field").GetString();
        Assert.Equal(field, named);
    }

    [Fact]
    public async Task Too_many_sentences_and_too_long_text_are_refused()
    {
        var tooMany = JsonSerializer.Serialize(new { sentences = Enumerable.Repeat("x", 51) });
        var tooLong = JsonSerializer.Serialize(new { sentences = new[] { new string('a', 5001) } });

        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/v1/classify", tooMany)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/v1/classify", tooLong)).Status);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_the_server_keeps_serving()
    {
        var huge = JsonSerializer.Serialize(new { sentences = Enumerable.Repeat(new string('a', 1000), 70) });

        var (status, problem, mediaType) = await Post("/v1/classify", huge);
        var after = await Post("/v1/classify", """{"sentences": ["Still up."]}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task Concurrent_clients_get_no_errors_and_the_library_answers()
    {
        var sentences = new[] { "Ten soldiers were killed.", "Officials denied the report.", "Analysts expect a long war.", "Read more" };
        using var classifier = ClaimClassifier.Load(server.ModelDirectory);
        var expected = sentences.Select(s => (classifier.Classify(s).ClaimType.Name(), classifier.Classify(s).Stance.Name())).ToList();

        // 16 clients, 2,000 requests in all.
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var sentence = i % sentences.Length;
            using var response = await server.Client.PostAsync("/v1/classify", Json(JsonSerializer.Serialize(new { sentences = new[] { sentences[sentence] } })), ct);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
            var p = body.GetProperty("predictions")[0];
            if (response.StatusCode != HttpStatusCode.OK || (p.GetProperty("claim_type").GetString(), p.GetProperty("stance").GetString()) != expected[sentence])
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }
}
