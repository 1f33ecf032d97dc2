using System.Globalization;
using Rung.Core.Ladder;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Demo;

/// <summary>
/// The integration evidence of the demo: a week into each stint on AutoWithExceptions, at 11:00 on a working
/// morning while parts are being decided, the actions connector is closed and reopened and the actions file is
/// checked against the journal (<see cref="ConnectorRestartCheck"/>). The check is stored for the gate.
/// </summary>
internal sealed class DemoConnectorCheck(RestartableActionConnector<JsonLinesActionConnector> connector, string actionsFile)
{
    private static readonly TimeSpan IntoStint = TimeSpan.FromDays(7);
    private DateTimeOffset? _checkedStint;

    public async Task RunIfDueAsync(SqliteRungStore store, AgentRuntime agent, TimeProvider clock, DateTimeOffset slotStart, List<string> dayEvents, CancellationToken cancellationToken)
    {
        var calendar = agent.UseCase.Agent.Calendar;
        var local = TimeZoneInfo.ConvertTime(slotStart, calendar.TimeZone);
        if (agent.Stage != Stage.AutoWithExceptions || _checkedStint == agent.StageSince || slotStart - agent.StageSince < IntoStint
            || local.Hour != 11 || !calendar.WorkingDays.Contains(local.DayOfWeek))
        {
            return;
        }

        _checkedStint = agent.StageSince;
        var check = await ConnectorRestartCheck.RunAsync(connector, store, store, agent.AgentId, actionsFile, clock, cancellationToken: cancellationToken).ConfigureAwait(false);
        dayEvents.Add(string.Create(CultureInfo.InvariantCulture,
            $"connector restart check {(check.Clean ? "clean" : "NOT CLEAN")}: {check.Committed} committed actions, {check.Delivered} in the actions file, {check.Lost} lost, {check.Duplicated} duplicated"));
    }
}
