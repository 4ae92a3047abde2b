using System.CommandLine;
using Claims.Cli.Commands;
using Claims.Inference;
using Claims.Training.Data;

namespace Claims.Cli;

/// <summary>Runs the command line, turning the errors users can fix into one clear message and exit code 2.</summary>
public static class CliRunner
{
    /// <summary>Every command of <c>claims</c>.</summary>
    public static RootCommand Commands() => new("Claims: find casualty, troop-count, diplomatic and analytic claims in news articles, and the stance each sentence takes.")
    {
        ScoreCommand.Create(),
        TrainCommand.Create(),
        EvaluateCommand.Create(),
        CrossValidateCommand.Create(),
        DataCommand.Create(),
        EmergentCommand.Create(),
        BenchCommand.Create(),
        ServeCommand.Create(),
        ReviewCommand.Create(),
        ModelsCommand.Create(),
    };

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers (the console by default).</summary>
    /// <returns>The exit code.</returns>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await Commands().Parse(args).InvokeAsync(configuration);
        }
        catch (Exception e) when (e is InvalidDataFileException or InvalidModelException or FileNotFoundException or DirectoryNotFoundException)
        {
            configuration.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            configuration.Error.WriteLine("cancelled");
            return 130;
        }
    }
}
