using Rung.Edge.Protocol;
using Rung.Storage;

namespace Rung.Edge.Forwarding;

/// <summary>
/// Store and forward: sends the edge's journal to the server in batches, in journal order, and moves its cursor only
/// after the server acknowledged a batch. A crash or a lost answer sends the batch again; the server applies each
/// case once (by case id), so a retry never repeats a case. The buffer is what lies after the cursor: over its alarm
/// line it raises <see cref="BufferAlarm"/>; at its budget <see cref="WaitForRoomAsync"/> holds new cases back.
/// </summary>
public sealed class EdgeForwarder
{
    /// <summary>The cursor's name in the edge's journal.</summary>
    public const string Target = "server";

    private readonly IEdgeStore _store;
    private readonly IEdgeServer _server;
    private readonly EdgeOptions _options;
    private readonly TimeProvider _time;
    private long _depth;
    private long _forwarded;
    private int _alarm;
    private TaskCompletionSource _room = NewRoom(true);

    /// <summary>Forwards <paramref name="store"/>'s journal to <paramref name="server"/>.</summary>
    public EdgeForwarder(IEdgeStore store, IEdgeServer server, EdgeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferBudget, 1, nameof(options));
        _store = store;
        _server = server;
        _options = options;
        _time = time;
    }

    /// <summary>Cases journalled and not yet acknowledged by the server, as of the last look.</summary>
    public long Depth => Interlocked.Read(ref _depth);

    /// <summary>Cases the server acknowledged through this forwarder.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>The last error talking to the server, or null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>Raised with true when the buffer passes its alarm line, with false when it is back under it.</summary>
    public event EventHandler<bool>? BufferAlarm;

    /// <summary>Raised after each acknowledged batch with the cases sent and the depth left.</summary>
    public event EventHandler<(int Sent, long Depth)>? Progress;

    /// <summary>Waits while the buffer is at its budget.</summary>
    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken = default)
    {
        var room = Volatile.Read(ref _room);
        return room.Task.IsCompleted ? ValueTask.CompletedTask : new ValueTask(room.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Re-reads the buffer's depth from the journal and updates the alarm and the budget gate.</summary>
    public async Task<long> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var cursor = await _store.GetForwardedAsync(Target, cancellationToken).ConfigureAwait(false);
        var head = await _store.GetJournalHeadAsync(cancellationToken).ConfigureAwait(false);
        SetDepth(Math.Max(0, head - cursor));
        return Depth;
    }

    /// <summary>Forwards one batch. Returns how many entries were sent (0 when the buffer is empty). Throws <see cref="EdgeServerException"/>.</summary>
    public async Task<int> ForwardOnceAsync(CancellationToken cancellationToken = default)
    {
        var cursor = await _store.GetForwardedAsync(Target, cancellationToken).ConfigureAwait(false);
        var entries = await _store.ReadJournalAsync(cursor, _options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            SetDepth(0);
            return 0;
        }

        await _server.ForwardAsync(_options.EdgeId, entries, cancellationToken).ConfigureAwait(false);
        await _store.SetForwardedAsync(Target, entries[^1].Sequence, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _forwarded, entries.Count);
        LastError = null;
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        Progress?.Invoke(this, (entries.Count, Depth));
        return entries.Count;
    }

    /// <summary>Forwards until cancelled; waits and retries while the server is away.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await ForwardOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (EdgeServerException ex)
            {
                LastError = ex.Message;
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                sent = 0;
            }

            if (sent < _options.BatchSize)
            {
                await Task.Delay(_options.ForwardInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static TaskCompletionSource NewRoom(bool open)
    {
        var room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            room.SetResult();
        }

        return room;
    }

    private void SetDepth(long depth)
    {
        Interlocked.Exchange(ref _depth, depth);
        var alarm = depth >= _options.BufferBudget * _options.BufferAlarmAt;
        if (alarm != (Interlocked.Exchange(ref _alarm, alarm ? 1 : 0) == 1))
        {
            BufferAlarm?.Invoke(this, alarm);
        }

        var full = depth >= _options.BufferBudget;
        var room = Volatile.Read(ref _room);
        if (full && room.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _room, NewRoom(false), room);
        }
        else if (!full)
        {
            room.TrySetResult();
        }
    }
}
