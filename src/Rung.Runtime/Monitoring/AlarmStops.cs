using Rung.Core.Alarms;
using Rung.Storage.Edge;

namespace Rung.Runtime.Monitoring;

/// <summary>
/// The stop switch events an alarm throws (<c>agent.monitoring.stop_on</c>): scope <c>agent:ID</c>, actor
/// <c>alarm:RULE</c>, origin <see cref="Origin"/>, a reason naming the alarm. An alarm an edge raised is named by its
/// edge alarm id too (<c>edge alarm ID</c>), in the edge's own stop and in the server's, so an edge recognises the
/// server's stop for an alarm it already stopped on (<see cref="EdgeAlarmIdOf"/>).
/// </summary>
public static class AlarmStops
{
    /// <summary>The origin of a stop an alarm threw.</summary>
    public const string Origin = "alarm";

    /// <summary>The evidence key holding the edge's alarm id of an alarm an edge forwarded.</summary>
    public const string EdgeAlarmIdKey = "edge_alarm_id";

    /// <summary>The evidence key the raised alarm gets naming the stop it threw.</summary>
    public const string StopKey = "stop";

    private const string EdgeAlarmToken = "edge alarm ";

    /// <summary>The actor of a stop thrown by an alarm of <paramref name="rule"/>.</summary>
    public static string Actor(string rule) => "alarm:" + rule;

    /// <summary>The stop a raised <paramref name="alarm"/> throws on its agent, stamped <paramref name="at"/>.</summary>
    public static StopEvent For(Alarm alarm, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var edge = alarm.Evidence.GetValueOrDefault(EdgeAlarmIdKey) is { Length: > 0 } id ? $" ({EdgeAlarmToken}{id})" : "";
        return new StopEvent(0, StopEvent.AgentScope(alarm.AgentId), true, at, Actor(alarm.Rule), $"alarm {alarm.Id}{edge} {alarm.Rule}: {alarm.Title}", Origin);
    }

    /// <summary>The stop an edge throws on its own journal for the alarm it raised as <paramref name="edgeAlarmId"/>.</summary>
    public static StopEvent ForEdge(string agentId, string edgeAlarmId, string rule, string title, DateTimeOffset at) =>
        new(0, StopEvent.AgentScope(agentId), true, at, Actor(rule), $"{EdgeAlarmToken}{edgeAlarmId} {rule}: {title}", Origin);

    /// <summary>The edge alarm id a stop thrown by an alarm names, or null for any other stop.</summary>
    public static string? EdgeAlarmIdOf(StopEvent stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (stop.Origin != Origin || !stop.Stopped)
        {
            return null;
        }

        var start = stop.Reason.IndexOf(EdgeAlarmToken, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += EdgeAlarmToken.Length;
        var end = stop.Reason.IndexOfAny([' ', ')'], start);
        var id = end < 0 ? stop.Reason[start..] : stop.Reason[start..end];
        return id.Length == 0 ? null : id;
    }
}
