using System.CommandLine;
using System.Globalization;
using Claims.Training.Modeling;

namespace Claims.Cli.Commands;

/// <summary><c>claims models list|use</c>: the history of accepted models, and rollback.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var models = new Option<string>("--models") { Description = "The models folder.", DefaultValueFactory = _ => CommonOptions.FindUpwards("models") };
        var profile = CommonOptions.Profile();
        var list = new Command("list", "List the model versions, oldest first; * marks the current one.") { models, profile };
        list.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            foreach (var (m, isCurrent) in new ModelRegistry(result.GetRequiredValue(models), result.GetRequiredValue(profile)).List())
            {
                var gate = m.Retraining is null ? "" : $" parent {m.ParentVersion}, {m.Retraining.Corrections} corrections{(m.Retraining.Forced ? ", FORCED past the gate" : "")}";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(isCurrent ? "*" : " ")} {m.Version}  {m.CreatedAt:yyyy-MM-dd HH:mm}  {m.TrainingSentences} sentences, data {m.TrainingDataSha256[..Math.Min(12, m.TrainingDataSha256.Length)]}{gate}"));
            }

            return ExitCodes.Success;
        });

        var version = new Argument<string>("version") { Description = "A version from 'claims models list'." };
        var use = new Command("use", "Make an earlier model version the current one (rollback).") { version, models, profile };
        use.SetAction(result =>
        {
            new ModelRegistry(result.GetRequiredValue(models), result.GetRequiredValue(profile)).Use(result.GetRequiredValue(version));
            result.InvocationConfiguration.Output.WriteLine($"Model {result.GetRequiredValue(version)} is now current.");
            return ExitCodes.Success;
        });

        return new Command("models", "Model versions: list the history, roll back.") { list, use };
    }
}
