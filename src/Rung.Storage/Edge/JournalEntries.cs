using Rung.Core.Policy;
using Rung.Storage.Journal;

namespace Rung.Storage.Edge;

/// <summary>How a journal row becomes a <see cref="JournalEntry"/>, the same in every store.</summary>
internal static class JournalEntries
{
    /// <summary>
    /// An exception item the decision did not route is the action's, not the case's. The runtime settles every action
    /// the connector was given (it is never tried again), including one the edge refused; such an action is reported
    /// not delivered, so a refused action is never also recorded delivered (here or on the server it is forwarded to).
    /// </summary>
    public static JournalEntry Of(long sequence, DecisionRecord record, DateTimeOffset? settledAt)
    {
        var routed = record.Decision.Disposition == Disposition.Excepted;
        var actionException = routed ? null : record.Exception;
        return new JournalEntry(sequence, routed ? record : record with { Exception = null }, actionException is null ? settledAt : null, actionException);
    }
}
