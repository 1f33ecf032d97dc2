using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Edge.Hosting;

/// <summary>
/// Keeps an edge's <see cref="StopSwitch"/> current. Server events are mirrored into the edge's journal first (so a
/// stop survives a restart with the server away); then every journal event after the last one applied is applied,
/// whatever its origin: the server, a local <c>rung edge stop --local</c> (another process writing the same
/// journal) or the line's broker stop topic. One poll takes a few milliseconds; the interval is the reaction time.
/// </summary>
public sealed class EdgeStopFeed
{
    private readonly IEdgeStore _journal;
    private readonly IEdgeServer? _server;
    private readonly StopSwitch _stops;
    private readonly TimeProvider _time;
    private long _applied;

    /// <summary>Feeds <paramref name="stops"/> from <paramref name="journal"/> and, when given, <paramref name="server"/>.</summary>
    public EdgeStopFeed(IEdgeStore journal, IEdgeServer? server, StopSwitch stops, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(time);
        _journal = journal;
        _server = server;
        _stops = stops;
        _time = time;
    }

    /// <summary>The last error talking to the server, or null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>Mirrors the server's new events and applies the journal's new events.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken = default)
    {
        if (_server is not null)
        {
            try
            {
                var after = await _journal.GetLastRemoteStopAsync(cancellationToken).ConfigureAwait(false);
                foreach (var stop in await _server.GetStopsAsync(after, cancellationToken).ConfigureAwait(false))
                {
                    await _journal.AppendStopAsync(stop with { Id = 0, RemoteId = stop.RemoteId ?? stop.Id }, cancellationToken).ConfigureAwait(false);
                }

                LastError = null;
            }
            catch (EdgeServerException ex)
            {
                LastError = ex.Message;
            }
        }

        var events = await _journal.GetStopsAsync(_applied, cancellationToken).ConfigureAwait(false);
        if (events.Count > 0)
        {
            _stops.Apply(events);
            _applied = events[^1].Id;
        }
    }

    /// <summary>Polls every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
