using System.CommandLine;
using Rung.UseCases;

namespace Rung.Cli.Commands;

/// <summary><c>rung usecase ...</c>: work with use-case files.</summary>
internal static class UseCaseCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The use-case YAML file" };
        var validate = new Command("validate", "Check a use-case file and report every error with its line and column; exit 0 when valid, 1 when not") { file };
        validate.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var loaded = UseCaseLoader.LoadFile(path.FullName);
                var d = loaded.Definition;
                Console.WriteLine($"{path.Name}: valid. Use case '{d.Id}', agent '{d.Agent.Id}' on {d.Agent.Scope}, {d.Agent.Inputs.Count} inputs, {d.Agent.Actions.Count} actions, starts at {d.Agent.InitialStage}.");
                return ExitCodes.Ok;
            }
            catch (UseCaseFileException ex)
            {
                foreach (var error in ex.Errors)
                {
                    Console.Error.WriteLine(error.ToString());
                }

                Console.Error.WriteLine($"{path.Name}: {ex.Errors.Count} error(s).");
                return ExitCodes.CheckFailed;
            }
        });
        return new Command("usecase", "Work with use-case files (business case, data contract, guards, SLO)") { validate, UseCaseTemplateCommands.Export(), UseCaseTemplateCommands.Instantiate() };
    }
}
