using Rung.Runtime.Connectors;
using Rung.Storage.Journal;

namespace Rung.Bench.Drift;

/// <summary>An action connector that accepts every action and does nothing with it.</summary>
internal sealed class NullConnector : IActionConnector
{
    public ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
