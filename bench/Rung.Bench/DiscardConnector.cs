using Rung.Runtime.Connectors;
using Rung.Storage.Journal;

namespace Rung.Bench;

/// <summary>A target system that accepts every action at no cost: separates the connector's cost from the journal's.</summary>
internal sealed class DiscardConnector : IActionConnector
{
    public ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
