using Rung.Storage.Edge;

namespace Rung.Storage;

/// <summary>
/// What the edge runtime keeps beside the journal: on an edge, the forwarding cursor and the stop switches it
/// obeys; on the server, edges' health, published configuration and stop switches.
/// </summary>
public interface IEdgeStore
{
    /// <summary>Journalled decisions after <paramref name="after"/> in journal order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The newest journal sequence, 0 when the journal is empty.</summary>
    Task<long> GetJournalHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>How many decisions lie after <paramref name="after"/>, and the source time of the oldest of them.</summary>
    Task<(long Count, DateTimeOffset? Oldest)> GetJournalBacklogAsync(long after, CancellationToken cancellationToken = default);

    /// <summary>The sequence forwarded to <paramref name="target"/> so far, 0 when none.</summary>
    Task<long> GetForwardedAsync(string target, CancellationToken cancellationToken = default);

    /// <summary>Moves the forwarding cursor of <paramref name="target"/> to <paramref name="sequence"/>; never moves it back.</summary>
    Task SetForwardedAsync(string target, long sequence, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Routes a committed case whose action was not delivered to the exception queue (an expired action, a stop).
    /// Returns false when the case already has an exception item. Throws <see cref="KeyNotFoundException"/> for an unknown case.
    /// </summary>
    Task<bool> AddActionExceptionAsync(string caseId, string agentId, string reason, DateTimeOffset at, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>Replaces the edge's health.</summary>
    Task SaveEdgeHealthAsync(EdgeHealth health, CancellationToken cancellationToken = default);

    /// <summary>Every edge's health, ordered by edge id.</summary>
    Task<IReadOnlyList<EdgeHealth>> GetEdgeHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends a stop switch event with its audit entry in one transaction and returns it with its id; a mirrored event already stored is returned as stored, and audited only once.</summary>
    Task<StopEvent> AppendStopAsync(StopEvent stop, CancellationToken cancellationToken = default);

    /// <summary>Stop switch events after <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<StopEvent>> GetStopsAsync(long after, CancellationToken cancellationToken = default);

    /// <summary>The newest server id of a mirrored stop event, 0 when none.</summary>
    Task<long> GetLastRemoteStopAsync(CancellationToken cancellationToken = default);

    /// <summary>Publishes an agent's configuration to edges; returns its new version.</summary>
    Task<int> PublishEdgeConfigAsync(string agentId, string scope, string useCaseYaml, DateTimeOffset at, string actor, CancellationToken cancellationToken = default);

    /// <summary>Every published configuration, ordered by agent id.</summary>
    Task<IReadOnlyList<EdgeConfigRecord>> GetEdgeConfigsAsync(CancellationToken cancellationToken = default);
}
