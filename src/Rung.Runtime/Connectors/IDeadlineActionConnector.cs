using Rung.Storage.Journal;

namespace Rung.Runtime.Connectors;

/// <summary>
/// A connector that can be told until when an action may still act. It puts the deadline on the command (so a
/// consumer at the plant discards one that arrives late), withdraws what it still holds once the deadline passed,
/// and reports whether the target confirmed the action in time. A caller that bounds delivery by a validity window
/// (the edge's action gate) uses this instead of <see cref="IActionConnector.DeliverAsync"/>.
/// </summary>
public interface IDeadlineActionConnector : IActionConnector
{
    /// <summary>
    /// Delivers one action that must reach the target by <paramref name="validUntil"/> (UTC). Returns true when the
    /// target confirmed it; false when the connector withdrew it because the deadline passed first. Cancelling stops
    /// the wait for the confirmation: the action may then still reach the target, carrying its deadline.
    /// Throws, as <see cref="IActionConnector.DeliverAsync"/> does, when the target refused it.
    /// </summary>
    ValueTask<bool> DeliverByAsync(PendingAction action, DateTimeOffset validUntil, CancellationToken cancellationToken = default);
}
