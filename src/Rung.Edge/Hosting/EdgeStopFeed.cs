using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Runtime.Monitoring;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Edge.Hosting;

/// <summary>
/// Keeps an edge's <see cref="StopSwitch"/> current. Server events are mirrored into the edge's journal first (so a
/// stop survives a restart with the server away); then every journal event after the last one applied is applied,
/// whatever its origin: the server, a local <c>rung edge stop --local</c> (another process writing the same
/// journal), the line's broker stop topic or an alarm the edge raised (<see cref="Alarms.EdgeAlarmStops"/>). The server's
/// stop for an alarm the edge already stopped on (it names the same edge alarm id) is mirrored but not applied again, so
/// a local restart made meanwhile stands. One poll takes a few milliseconds; the interval is the reaction time. Safe to
/// call from several threads.
/// </summary>
public sealed class EdgeStopFeed
{
    private readonly IEdgeStore _journal;
    private readonly IEdgeServer? _server;
    private readonly StopSwitch _stops;
    private readonly TimeProvider _time;
    private readonly Lock _applying = new();
    private readonly HashSet<string> _localAlarmStops = new(StringComparer.Ordinal);
    private long _applied;
    private long _reflections;

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

    /// <summary>How many of the server's stops were reflections of an alarm stop the edge had already applied.</summary>
    public long Reflections => Interlocked.Read(ref _reflections);

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

        await ApplyJournalAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the journal's events after the last one applied, without asking the server.</summary>
    public async Task ApplyJournalAsync(CancellationToken cancellationToken = default)
    {
        // Two callers may read overlapping events; the lock applies each once, in journal order.
        var events = await _journal.GetStopsAsync(Interlocked.Read(ref _applied), cancellationToken).ConfigureAwait(false);
        lock (_applying)
        {
            var fresh = events.Where(e => e.Id > _applied).ToList();
            if (fresh.Count > 0)
            {
                _stops.Apply(fresh.Where(e => !IsReflection(e)).ToList());
                Interlocked.Exchange(ref _applied, fresh[^1].Id);
            }
        }
    }

    // The edge's own alarm stop always precedes the server's (the alarm leaves the edge after its stop is journalled),
    // so the set is complete when a reflection is read, from a restart's first poll too.
    private bool IsReflection(StopEvent e)
    {
        if (AlarmStops.EdgeAlarmIdOf(e) is not { } alarmId)
        {
            return false;
        }

        if (e.RemoteId is null)
        {
            _localAlarmStops.Add(alarmId);
            return false;
        }

        if (!_localAlarmStops.Contains(alarmId))
        {
            return false;
        }

        Interlocked.Increment(ref _reflections);
        return true;
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
