using System.CommandLine;
using System.Globalization;
using Rung.Core.Alarms;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung alarms</c>: list, acknowledge and resolve alarms.</summary>
internal static class AlarmCommands
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var all = new Option<bool>("--all") { Description = "Include resolved alarms" };
        var agent = new Option<string?>("--agent") { Description = "Only this agent's alarms" };
        var command = new Command("alarms", "List alarms (active ones unless --all), newest first, with their evidence and runbook; acknowledge or resolve one") { data, all, agent };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenExistingAsync(parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var alarms = await store.GetAlarmsAsync(parse.GetValue(agent), activeOnly: !parse.GetValue(all), 500, cancellationToken).ConfigureAwait(false);
            AnsiConsole.Write(Table(alarms));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(Transition("ack", "Acknowledge an open alarm: you have taken it (stops the escalation to the backup)", commentRequired: false));
        command.Subcommands.Add(AlarmTestPageCommand.Create());
        command.Subcommands.Add(Transition("resolve", "Resolve an alarm, saying what was done", commentRequired: true));
        return command;
    }

    private static Command Transition(string name, string description, bool commentRequired)
    {
        var data = CommonOptions.Data();
        var id = new Argument<string>("ALARM") { Description = "The alarm id (first column of `rung alarms`)" };
        var by = new Option<string>("--by") { Description = "Your user id", Required = true };
        var comment = new Option<string?>("--comment") { Description = commentRequired ? "What was done (required)" : "A note for the others", Required = commentRequired };
        var command = new Command(name, description) { id, data, by, comment };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenExistingAsync(parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var alarmId = parse.GetValue(id)!;
            var alarm = await store.GetAlarmAsync(alarmId, cancellationToken).ConfigureAwait(false);
            if (alarm is null)
            {
                Console.Error.WriteLine($"No alarm '{alarmId}'. `rung alarms --all` lists them.");
                return ExitCodes.BadInput;
            }

            try
            {
                var now = TimeProvider.System.GetUtcNow();
                var user = parse.GetValue(by)!;
                var change = name == "ack"
                    ? AlarmBook.Acknowledge(alarm, user, parse.GetValue(comment), now)
                    : AlarmBook.Resolve(alarm, user, parse.GetValue(comment) ?? string.Empty, now);
                await store.SaveAlarmsAsync([change.Alarm], cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"{alarmId}: {change.Alarm.State} by {user}.");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    internal static Table Table(IReadOnlyList<Alarm> alarms)
    {
        var table = new Table { Title = new TableTitle($"{alarms.Count} alarm(s)") };
        table.AddColumns("id", "raised (UTC)", "agent", "condition", "severity", "state", "alarm", "paged", "runbook");
        foreach (var a in alarms)
        {
            table.AddRow(
                Markup.Escape(a.Id),
                a.RaisedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Markup.Escape(a.AgentId),
                Markup.Escape(a.Key),
                a.Severity == AlarmSeverity.Critical ? "[red]Critical[/]" : "[yellow]Warning[/]",
                a.State + (a.AcknowledgedBy is null ? string.Empty : $" ({Markup.Escape(a.AcknowledgedBy)})"),
                Markup.Escape(a.Title),
                Markup.Escape(a.EscalatedTo is null ? a.Owner : $"{a.Owner}, then {a.EscalatedTo}"),
                Markup.Escape(a.Runbook.Length > 80 ? a.Runbook[..80] + "..." : a.Runbook));
        }

        return table;
    }
}
