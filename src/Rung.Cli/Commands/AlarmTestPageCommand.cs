using System.CommandLine;
using Rung.Gates.Evaluation;
using Rung.Runtime.Notifications;

namespace Rung.Cli.Commands;

/// <summary><c>rung alarms test-page</c>: raises a test alarm and pages the owner through the pager path; the gate counts it once acknowledged.</summary>
internal static class AlarmTestPageCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var agent = new Option<string>("--agent") { Description = "The agent whose owner is paged", Required = true };
        var command = new Command("test-page", "Raise a test alarm and page the agent's owner; acknowledge it with `rung alarms ack` to prove monitoring works") { data, agent };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(data)!;
            await using var store = await CommonOptions.OpenExistingAsync(dir, cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var agentId = parse.GetValue(agent)!;
            var record = await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                Console.Error.WriteLine($"No agent '{agentId}'. `rung status` lists them.");
                return ExitCodes.BadInput;
            }

            var owner = OwnerOf(record.DefinitionJson) ?? "owner";
            var now = TimeProvider.System.GetUtcNow();
            var alarm = TestPage.Create($"T{now:yyyyMMddHHmmssfff}", agentId, owner, now);
            await store.SaveAlarmsAsync([alarm], cancellationToken).ConfigureAwait(false);
            var notifier = new Notifier([new ConsoleChannel(Console.Out), new FileChannel(Path.Combine(dir.FullName, "pages.jsonl"))]);
            await notifier.NotifyAsync(
                new Page(alarm.Id, agentId, record.UseCaseId, TestPage.Rule, PageSeverity.Info, alarm.Title, $"A test of the paging path of agent {agentId}. Acknowledge it: rung alarms ack {alarm.Id} --by {owner}",
                    alarm.Evidence, alarm.Runbook, owner, PageKind.TestPage, now),
                cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Test alarm {alarm.Id} raised and paged to {owner}. Acknowledge it with: rung alarms ack {alarm.Id} --by {owner}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? OwnerOf(string definitionJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(definitionJson);
        foreach (var business in new[] { "Business", "business" })
        {
            if (doc.RootElement.TryGetProperty(business, out var b))
            {
                foreach (var owner in new[] { "Owner", "owner" })
                {
                    if (b.TryGetProperty(owner, out var o) && o.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        return o.GetString();
                    }
                }
            }
        }

        return null;
    }
}
