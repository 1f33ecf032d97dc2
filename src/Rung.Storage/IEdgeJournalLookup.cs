using Rung.Storage.Edge;

namespace Rung.Storage;

/// <summary>One case of an edge's journal as it would be forwarded now (its delivery, its action's exception item).</summary>
public interface IEdgeJournalLookup
{
    /// <summary>The case's journal entry, or null when the journal does not hold it.</summary>
    Task<JournalEntry?> GetJournalEntryAsync(string caseId, CancellationToken cancellationToken = default);
}
