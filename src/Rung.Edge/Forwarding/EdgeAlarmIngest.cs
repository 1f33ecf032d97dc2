using System.Globalization;
using Rung.Core.Alarms;
using Rung.Runtime.Monitoring;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Edge.Forwarding;

/// <summary>
/// Server side: puts alarms an edge forwarded into the agent's alarm book through its <see cref="AlarmCenter"/>, so the
/// owner is paged and <c>rung alarm list</c> and the console show them. Each edge alarm id is applied once (it is kept
/// in the alarm's evidence as <see cref="EdgeAlarmIdKey"/>); a condition already active on the server raises nothing new.
/// A new alarm of a rule the agent's <c>monitoring.stop_on</c> lists throws the agent's stop switch on the server
/// (<see cref="AlarmCenter"/>), audited there; a resent alarm throws nothing.
/// </summary>
public static class EdgeAlarmIngest
{
    /// <summary>The evidence key holding the edge's alarm id.</summary>
    public const string EdgeAlarmIdKey = AlarmStops.EdgeAlarmIdKey;

    /// <summary>The evidence key naming the edge.</summary>
    public const string EdgeKey = "edge";

    /// <summary>Applies <paramref name="alarms"/> (all of one agent) through <paramref name="center"/>; returns how many raised a new alarm.</summary>
    public static async Task<int> ApplyAsync(IRungStore store, AlarmCenter center, string edgeId, IReadOnlyList<EdgeAlarmRecord> alarms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(alarms);
        if (alarms.Count == 0)
        {
            return 0;
        }

        var agentId = alarms[0].AgentId;
        if (alarms.Any(a => a.AgentId != agentId))
        {
            throw new ArgumentException("Every alarm of one call must be of the same agent.", nameof(alarms));
        }

        var known = (await store.GetAlarmsAsync(agentId, activeOnly: false, 10_000, cancellationToken).ConfigureAwait(false))
            .Select(a => a.Evidence.GetValueOrDefault(EdgeAlarmIdKey))
            .Where(id => id is not null)
            .ToHashSet(StringComparer.Ordinal);
        var raised = 0;
        foreach (var alarm in alarms.Where(a => !known.Contains(a.Id)))
        {
            var evidence = new Dictionary<string, string>(alarm.Evidence, StringComparer.Ordinal)
            {
                [EdgeKey] = edgeId,
                [EdgeAlarmIdKey] = alarm.Id,
                ["raised_on_edge_at"] = alarm.RaisedAt.ToString("O", CultureInfo.InvariantCulture),
            };
            var condition = new AlarmCondition(alarm.Rule, $"{edgeId}:{alarm.Subject}", true, alarm.Severity, $"Edge {edgeId}: {alarm.Title}", evidence, ClearsItself: false);
            var events = await center.EvaluateAsync([condition], cancellationToken).ConfigureAwait(false);
            raised += events.Count(e => e.Event.Kind == AlarmEventKind.Raised);
        }

        return raised;
    }
}
