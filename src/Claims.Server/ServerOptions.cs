namespace Claims.Server;

/// <summary>Limits and settings of the HTTP service.</summary>
public sealed record ServerOptions
{
    /// <summary>The model folder to serve.</summary>
    public required string ModelDirectory { get; init; }

    /// <summary>Addresses to listen on, such as <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Most sentences (or articles) one request may carry.</summary>
    public int MaxItemsPerRequest { get; init; } = 1000;

    /// <summary>Largest request body in bytes; a larger one gets 413.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Longest text of one sentence or article, in characters.</summary>
    public int MaxTextLength { get; init; } = 100_000;
}
