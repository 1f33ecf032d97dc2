using System.Diagnostics;
using Rung.Runtime.Connectors;
using Rung.Storage.Journal;

namespace Rung.Bench;

/// <summary>Measures the wall time spent delivering, around any connector.</summary>
internal sealed class TimedConnector(IActionConnector inner) : IActionConnector
{
    public long Ticks { get; private set; }

    public async ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.DeliverAsync(actions, cancellationToken).ConfigureAwait(false);
        Ticks += Stopwatch.GetTimestamp() - started;
    }

    public void Reset() => Ticks = 0;

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
