using Rung.Edge.Safety;
using Rung.Runtime.Connectors;
using Rung.Storage;
using Rung.Storage.Edge;
using Rung.Storage.Journal;

namespace Rung.Server.Api;

/// <summary>
/// The last step before an action of an agent this server runs reaches its connector: while a stop switch holds the
/// agent, an action (committed before the stop, or released by a person's approval during it) is not delivered but
/// becomes an exception item whose reason names the stop. The runtime then marks it settled, so a restart does not
/// fire it late; the journal reports a settled action with an exception item as not delivered. Other actions pass
/// through unchanged, in order.
/// </summary>
internal sealed class StopActionGate(IActionConnector inner, IEdgeStore store, Func<StopEvent?> stoppedBy, TimeProvider time) : IActionConnector
{
    private long _held;

    /// <summary>Actions held back by a stop switch.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <inheritdoc />
    public async ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var released = new List<PendingAction>(actions.Count);
        foreach (var action in actions)
        {
            if (stoppedBy() is not { } stop)
            {
                released.Add(action);
                continue;
            }

            // The actions before this one go first, so the connector still sees them in commit order.
            await FlushAsync(released, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _held);
            var now = time.GetUtcNow();
            var reason = "action not sent: " + stop.Holding;
            await store.AddActionExceptionAsync(action.CaseId, action.AgentId, reason, now, now + EdgeActionGate.ExceptionDue, cancellationToken).ConfigureAwait(false);
        }

        await FlushAsync(released, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async Task FlushAsync(List<PendingAction> released, CancellationToken cancellationToken)
    {
        if (released.Count > 0)
        {
            await inner.DeliverAsync([.. released], cancellationToken).ConfigureAwait(false);
            released.Clear();
        }
    }
}
