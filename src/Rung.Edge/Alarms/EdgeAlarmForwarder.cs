using Rung.Edge.Protocol;
using Rung.Storage;

namespace Rung.Edge.Alarms;

/// <summary>
/// Takes the edge's alarm outbox to the server, oldest first, and marks alarms forwarded only after the server
/// acknowledged them: a lost answer sends them again, and the server applies each alarm id once.
/// </summary>
/// <param name="outbox">The edge journal's outbox.</param>
/// <param name="sink">The server.</param>
/// <param name="edgeId">The edge's name.</param>
/// <param name="time">The clock.</param>
public sealed class EdgeAlarmForwarder(IEdgeAlarmOutbox outbox, IEdgeAlarmSink sink, string edgeId, TimeProvider time)
{
    /// <summary>Most alarms in one request.</summary>
    public const int BatchSize = 100;

    /// <summary>Sends every pending alarm; returns how many were sent. Throws <see cref="EdgeServerException"/> when the server refused or is away.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (true)
        {
            var pending = await outbox.GetPendingEdgeAlarmsAsync(BatchSize, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
            {
                return sent;
            }

            await sink.SendAlarmsAsync(edgeId, pending, cancellationToken).ConfigureAwait(false);
            await outbox.MarkEdgeAlarmsForwardedAsync([.. pending.Select(a => a.Id)], time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            sent += pending.Count;
        }
    }

    /// <summary>True when nothing is waiting.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        (await outbox.GetPendingEdgeAlarmsAsync(1, cancellationToken).ConfigureAwait(false)).Count == 0;

    /// <summary>Flushes every <paramref name="interval"/> until cancelled; a server away is tried again at the next round.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (EdgeServerException)
            {
                // The journal forwarder reports the server's absence; the alarms wait in the outbox.
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
