using Rung.Core.Alarms;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Edge.Alarms;

/// <summary>
/// Raises alarms on an edge: each is appended to the journal's alarm outbox first (it survives a restart with the
/// server away), then reported to <paramref name="report"/> (the console). <see cref="EdgeAlarmForwarder"/> takes them to
/// the server. Thread-safe.
/// </summary>
/// <param name="outbox">The edge journal's outbox.</param>
/// <param name="time">Stamps each alarm and orders its id.</param>
/// <param name="report">Where a person next to the line sees it; null reports nowhere.</param>
public sealed class EdgeAlarms(IEdgeAlarmOutbox outbox, TimeProvider time, Action<string>? report = null)
{
    /// <summary>Raises an alarm on <paramref name="agentId"/>; returns the stored record.</summary>
    public async Task<EdgeAlarmRecord> RaiseAsync(string agentId, string rule, string subject, AlarmSeverity severity, string title, IReadOnlyDictionary<string, string> evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var now = time.GetUtcNow();
        var alarm = new EdgeAlarmRecord(Guid.CreateVersion7(now).ToString("N"), agentId, rule, subject, severity, title, evidence, now);
        await outbox.AppendEdgeAlarmAsync(alarm, cancellationToken).ConfigureAwait(false);
        report?.Invoke($"ALARM {rule} {agentId}: {title}");
        return alarm;
    }
}
