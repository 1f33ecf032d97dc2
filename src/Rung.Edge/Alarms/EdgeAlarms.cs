using Rung.Core.Alarms;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Edge.Alarms;

/// <summary>
/// Raises alarms on an edge: each is appended to the journal's alarm outbox first (it survives a restart with the
/// server away), then reported to <paramref name="report"/> (the console). <see cref="EdgeAlarmForwarder"/> takes them to
/// the server. With <paramref name="stops"/>, an alarm of a rule the agent's <c>monitoring.stop_on</c> lists stops the
/// agent on the edge before the alarm is stored (its evidence names the stop as <see cref="StopKey"/>). Thread-safe.
/// </summary>
/// <param name="outbox">The edge journal's outbox.</param>
/// <param name="time">Stamps each alarm and orders its id.</param>
/// <param name="report">Where a person next to the line sees it; null reports nowhere.</param>
/// <param name="stops">Throws the stop switch on listed rules; null stops nothing.</param>
public sealed class EdgeAlarms(IEdgeAlarmOutbox outbox, TimeProvider time, Action<string>? report = null, EdgeAlarmStops? stops = null)
{
    /// <summary>The evidence key naming the stop an alarm threw on the edge.</summary>
    public const string StopKey = "edge_stop";

    /// <summary>Raises an alarm on <paramref name="agentId"/>; returns the stored record.</summary>
    public async Task<EdgeAlarmRecord> RaiseAsync(string agentId, string rule, string subject, AlarmSeverity severity, string title, IReadOnlyDictionary<string, string> evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var now = time.GetUtcNow();
        var alarm = new EdgeAlarmRecord(Guid.CreateVersion7(now).ToString("N"), agentId, rule, subject, severity, title, evidence, now);

        // The stop comes first: the halt must not wait for the outbox, and the stop precedes anything the server can reflect.
        if (stops is not null && await stops.StopAsync(alarm, cancellationToken).ConfigureAwait(false) is { } stop)
        {
            alarm = alarm with
            {
                Evidence = new Dictionary<string, string>(evidence, StringComparer.Ordinal)
                {
                    [StopKey] = FormattableString.Invariant($"{stop.Scope} stopped on the edge (journal stop {stop.Id})"),
                },
            };
            report?.Invoke($"STOP {stop.Scope} by {stop.Actor}: every AI write halts until a recorded restart");
        }

        await outbox.AppendEdgeAlarmAsync(alarm, cancellationToken).ConfigureAwait(false);
        report?.Invoke($"ALARM {rule} {agentId}: {title}");
        return alarm;
    }
}
