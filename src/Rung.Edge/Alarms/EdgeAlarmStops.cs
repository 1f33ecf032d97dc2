using System.Collections.Concurrent;
using Rung.Core.UseCases;
using Rung.Edge.Hosting;
using Rung.Edge.Safety;
using Rung.Runtime.Monitoring;
using Rung.Storage;
using Rung.Storage.Edge;
using Rung.UseCases;

namespace Rung.Edge.Alarms;

/// <summary>
/// Throws an agent's stop switch on the edge itself when the edge raises an alarm of a rule the agent's
/// <c>monitoring.stop_on</c> lists: the stop is appended to the edge's journal (origin <c>alarm</c>, audited there) and
/// applied at once, so the halt needs no server. The server learns of it from the forwarded alarm and throws its own,
/// audited stop; <see cref="EdgeStopFeed"/> does not apply that reflection a second time. Thread-safe.
/// </summary>
/// <param name="journal">The edge's journal.</param>
/// <param name="feed">Applies the journal's new stop events to the edge's stop switch.</param>
/// <param name="stops">The edge's stop switch, which <paramref name="feed"/> keeps.</param>
public sealed class EdgeAlarmStops(IEdgeStore journal, EdgeStopFeed feed, StopSwitch stops)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _stopOn = new(StringComparer.Ordinal);

    /// <summary>Stops <paramref name="useCase"/>'s agent on the alarm rules its monitoring section lists; replaces what it followed before.</summary>
    public void Follow(UseCaseDefinition useCase)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        _stopOn[useCase.Agent.Id] = useCase.Agent.MonitoringOrDefault.StopOn;
    }

    /// <summary>True when an alarm of <paramref name="rule"/> on <paramref name="agentId"/> stops it.</summary>
    public bool Stops(string agentId, string rule) =>
        _stopOn.TryGetValue(agentId, out var stopOn) && StopOnRules.Matches(stopOn, rule);

    /// <summary>
    /// Appends and applies the stop for <paramref name="alarm"/> when its rule is listed; returns it, or null when the
    /// rule stops nothing or an alarm of the same rule already holds the agent stopped (a repeat adds no second stop).
    /// </summary>
    public async Task<StopEvent?> StopAsync(EdgeAlarmRecord alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (!Stops(alarm.AgentId, alarm.Rule) || stops.InForce(StopSwitch.AgentScope(alarm.AgentId)) is { Stopped: true, Origin: AlarmStops.Origin } held && held.Actor == AlarmStops.Actor(alarm.Rule))
        {
            return null;
        }

        var stop = await journal.AppendStopAsync(AlarmStops.ForEdge(alarm.AgentId, alarm.Id, alarm.Rule, alarm.Title, alarm.RaisedAt), cancellationToken).ConfigureAwait(false);
        await feed.ApplyJournalAsync(cancellationToken).ConfigureAwait(false);
        return stop;
    }
}
