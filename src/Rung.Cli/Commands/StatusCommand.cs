using System.CommandLine;
using Rung.Storage.Sqlite;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung status</c>: every agent in a data folder, its stage and its stage history.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var command = new Command("status", "Show every agent in a data folder with its stage, volume and stage history") { data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            var dbPath = CommonOptions.DatabasePath(folder);
            if (!File.Exists(dbPath))
            {
                Console.Error.WriteLine($"No Rung database at {dbPath}. Run `rung demo --data {folder.FullName}` or name another folder with --data.");
                return ExitCodes.BadInput;
            }

            await using var store = await SqliteRungStore.OpenAsync(dbPath, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            foreach (var agent in await store.GetAgentsAsync(cancellationToken).ConfigureAwait(false))
            {
                var count = await store.CountDecisionsAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"[bold]{agent.AgentId}[/] ({agent.UseCaseId}) on {agent.Scope}: [green]{agent.Stage}[/] since {agent.StageSince:yyyy-MM-dd HH:mm}Z, {count} cases");
                var table = new Table().AddColumns("when (UTC)", "from", "to", "kind", "by", "reason");
                foreach (var change in await store.GetStageHistoryAsync(agent.AgentId, cancellationToken).ConfigureAwait(false))
                {
                    table.AddRow(Markup.Escape(change.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)), change.From.ToString(), change.To.ToString(), change.Kind.ToString(), Markup.Escape(change.Actor), Markup.Escape(change.Reason));
                }

                AnsiConsole.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
