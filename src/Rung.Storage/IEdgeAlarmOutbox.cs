using Rung.Storage.Edge;

namespace Rung.Storage;

/// <summary>
/// An edge's alarms on their way to the server: appended durably when raised, read in order, marked forwarded once
/// the server acknowledged them. Edge only (SQLite).
/// </summary>
public interface IEdgeAlarmOutbox
{
    /// <summary>Appends an alarm; an id already in the outbox is ignored. Returns true when it was new.</summary>
    Task<bool> AppendEdgeAlarmAsync(EdgeAlarmRecord alarm, CancellationToken cancellationToken = default);

    /// <summary>Alarms not yet forwarded, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<EdgeAlarmRecord>> GetPendingEdgeAlarmsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks alarms forwarded; unknown ids are ignored.</summary>
    Task MarkEdgeAlarmsForwardedAsync(IReadOnlyList<string> ids, DateTimeOffset at, CancellationToken cancellationToken = default);
}
