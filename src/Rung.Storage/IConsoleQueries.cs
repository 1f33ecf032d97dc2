using Rung.Storage.Journal;

namespace Rung.Storage;

/// <summary>
/// The few reads and writes the web console needs beyond <see cref="IRungStore"/>. Every query is bounded by a
/// limit and served by an index, so pages stay fast on a year of data. Implementations are thread-safe.
/// </summary>
public interface IConsoleQueries
{
    /// <summary>
    /// Assigns an open exception item to a person. Returns false when the item is already resolved; throws
    /// <see cref="KeyNotFoundException"/> when the case has no exception item.
    /// </summary>
    Task<bool> AssignExceptionAsync(string caseId, string assignee, CancellationToken cancellationToken = default);

    /// <summary>The agent's latest committed actions (automatic commits and approved drafts), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PendingAction>> GetRecentCommitsAsync(string agentId, int limit, CancellationToken cancellationToken = default);
}
