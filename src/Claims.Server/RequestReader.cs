using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Claims.Server;

/// <summary>
/// Reads and validates request bodies by hand, so that every bad input gets a problem document that names
/// the field at fault (<c>sentences[3]</c>, <c>text</c>), not a generic binding error.
/// </summary>
internal sealed class RequestReader(ServerOptions options)
{
    /// <summary>The <c>sentences</c> array of a classify request, or the problem with it.</summary>
    public async Task<(IReadOnlyList<string>? Sentences, IResult? Problem)> ReadSentencesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (root, problem) = await ParseAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sentences", out var array))
        {
            return (null, Invalid("sentences", "The body must be an object with a 'sentences' array of strings."));
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return (null, Invalid("sentences", $"Expected an array of strings, got {Kind(array)}."));
        }

        var count = array.GetArrayLength();
        if (count == 0 || count > options.MaxItemsPerRequest)
        {
            return (null, Invalid("sentences", $"Expected 1 to {options.MaxItemsPerRequest} sentences, got {count}."));
        }

        var sentences = new List<string>(count);
        foreach (var (item, i) in array.EnumerateArray().Select((item, i) => (item, i)))
        {
            var (text, itemProblem) = ReadText(item, $"sentences[{i}]");
            if (itemProblem is not null)
            {
                return (null, itemProblem);
            }

            sentences.Add(text!);
        }

        return (sentences, null);
    }

    /// <summary>The articles of an articles request (one object or an array of them), or the problem with them.</summary>
    public async Task<(IReadOnlyList<(string Id, string Text)>? Articles, IResult? Problem)> ReadArticlesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (root, problem) = await ParseAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var (items, prefix) = root.ValueKind == JsonValueKind.Array ? (root.EnumerateArray().ToList(), "[{0}].") : ([root], "");
        if (items.Count == 0 || items.Count > options.MaxItemsPerRequest)
        {
            return (null, Invalid("articles", $"Expected 1 to {options.MaxItemsPerRequest} articles, got {items.Count}."));
        }

        var articles = new List<(string, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            var at = string.Format(System.Globalization.CultureInfo.InvariantCulture, prefix, i);
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                return (null, Invalid(at.TrimEnd('.') is { Length: > 0 } field ? field : "body", "Expected an object with 'id' and 'text'."));
            }

            var id = items[i].TryGetProperty("id", out var idValue) ? idValue : default;
            if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Undefined))
            {
                return (null, Invalid($"{at}id", $"Expected a string or a number, got {Kind(id)}."));
            }

            if (!items[i].TryGetProperty("text", out var textValue))
            {
                return (null, Invalid($"{at}text", "Required."));
            }

            var (text, textProblem) = ReadText(textValue, $"{at}text");
            if (textProblem is not null)
            {
                return (null, textProblem);
            }

            articles.Add((id.ValueKind == JsonValueKind.Undefined ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : id.ToString(), text!));
        }

        return (articles, null);
    }

    private (string? Text, IResult? Problem) ReadText(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, Invalid(field, $"Expected a string, got {Kind(value)}."));
        }

        var text = value.GetString()!;
        return text.Length > options.MaxTextLength
            ? (null, Invalid(field, $"Longer than the limit of {options.MaxTextLength} characters ({text.Length})."))
            : (text, null);
    }

    private async Task<(JsonElement Root, IResult? Problem)> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Results.Problem(title: "Malformed JSON", detail: e.Message, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = "body" }));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, Results.Problem(title: "Request body too large", detail: $"The limit is {options.MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, extensions: new Dictionary<string, object?> { ["field"] = "body" }));
        }
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: $"Invalid '{field}'");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
