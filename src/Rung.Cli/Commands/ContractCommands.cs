using System.CommandLine;
using Rung.Runtime.Plant;
using Rung.UseCases;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung contract check FILE --broker URL</c>: does the plant publish what the data contract expects.</summary>
internal static class ContractCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The use-case YAML file with an agent.contract section" };
        var broker = new Option<string>("--broker") { Description = "The broker, mqtt://HOST[:PORT] or mqtts://HOST[:PORT]", Required = true };
        var seconds = TagsCommands.Seconds();
        var check = new Command("check", "Listen to a broker and report which contract tags exist, which are silent and which publish another unit; exit 1 on problems") { file, broker, seconds };
        check.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            Core.UseCases.AgentDefinition agent;
            try
            {
                agent = UseCaseLoader.LoadFile(path.FullName).Definition.Agent;
            }
            catch (UseCaseFileException e)
            {
                foreach (var error in e.Errors)
                {
                    Console.Error.WriteLine(error.ToString());
                }

                return ExitCodes.BadInput;
            }

            if (agent.Contract is null)
            {
                Console.Error.WriteLine($"{path.Name}: agent '{agent.Id}' has no contract section (agent.contract); nothing to check.");
                return ExitCodes.BadInput;
            }

            var seen = await TagsCommands.CollectAsync(parse.GetValue(broker)!, UnsCaseSource.SubscriptionFilters(agent.Contract), parse.GetValue(seconds), ct).ConfigureAwait(false);
            if (seen is null)
            {
                return ExitCodes.BadInput;
            }

            var findings = ContractCheck.Run(agent, seen.Topics);
            var table = new Table().AddColumns("role", "input", "topic", "status", "detail");
            foreach (var f in findings)
            {
                var status = f.IsProblem ? $"[red]{f.Status}[/]" : f.Status == "Seen" ? $"[green]{f.Status}[/]" : f.Status;
                table.AddRow(f.Role, Markup.Escape(f.Name), Markup.Escape(f.Topic), status, Markup.Escape(f.Detail));
            }

            AnsiConsole.Write(table);
            var problems = findings.Count(f => f.IsProblem);
            Console.WriteLine(problems == 0 ? $"{path.Name}: the contract matches the namespace." : $"{path.Name}: {problems} problem(s).");
            return problems == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return new Command("contract", "Check an agent's data contract against the plant's namespace") { check };
    }
}
