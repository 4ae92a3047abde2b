using System.CommandLine;
using Claims.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Claims.Cli.Commands;

/// <summary><c>claims serve</c>: the HTTP service on Kestrel until Ctrl+C (requests in flight are finished).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var model = CommonOptions.Model();
        var profile = CommonOptions.Profile();
        var maxItems = new Option<int>("--max-items") { Description = "Most sentences or articles per request.", DefaultValueFactory = _ => 1000 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body; larger gets 413.", DefaultValueFactory = _ => 1024 * 1024 };
        var maxText = new Option<int>("--max-text-length") { Description = "Longest sentence or article text, in characters.", DefaultValueFactory = _ => 100_000 };
        var command = new Command("serve", "Serve the classifier over HTTP: POST /v1/classify, POST /v1/articles, GET /v1/model, GET /healthz, /openapi/v1.json.")
        {
            urls, model, profile, maxItems, maxBody, maxText,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var app = ClaimsServer.Build(new ServerOptions
            {
                ModelDirectory = Path.GetFullPath(CommonOptions.ModelDirectory(result.GetValue(model), result.GetRequiredValue(profile))),
                Urls = result.GetRequiredValue(urls),
                MaxItemsPerRequest = result.GetValue(maxItems),
                MaxBodyBytes = result.GetValue(maxBody),
                MaxTextLength = result.GetValue(maxText),
            });
            await app.StartAsync(cancellationToken);
            result.InvocationConfiguration.Output.WriteLine($"Serving {string.Join(", ", app.Urls)}; Ctrl+C stops after the requests in flight.");
            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
