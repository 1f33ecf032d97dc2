using Rung.Mqtt.Packets;

namespace Rung.Mqtt.Client;

/// <summary>
/// The client's side of the session: packet identifiers in use, QoS 1/2 messages in flight, and the
/// count of messages not yet finished (queued, in flight) that <see cref="MqttClient.FlushAsync"/> waits on.
/// Survives reconnects; thread-safe.
/// </summary>
internal sealed class OutgoingSession(int maximumInflight) : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<ushort, InflightMessage> _inflight = [];
    private readonly HashSet<ushort> _requestIds = [];
    private readonly List<TaskCompletionSource> _drainWaiters = [];
    private readonly SemaphoreSlim _slots = new(maximumInflight, maximumInflight);
    private ushort _nextId;
    private long _sequence;
    private long _unfinished;
    private long _expired;

    /// <summary>Messages withdrawn because they expired before they were sent or acknowledged.</summary>
    public long Expired => Interlocked.Read(ref _expired);

    /// <summary>Takes room in the in-flight window if there is some now.</summary>
    public bool TryTakeSlot() => _slots.Wait(0);

    /// <summary>Waits for room in the in-flight window.</summary>
    public Task TakeSlotAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Gives back a slot taken for a message that was then not sent.</summary>
    public void ReleaseSlot() => _slots.Release();

    /// <summary>Withdraws a queued message that expired before it was sent; it holds no slot and no packet id.</summary>
    public void ExpiredUnsent(OutgoingMessage outgoing)
    {
        Interlocked.Increment(ref _expired);
        outgoing.Confirmation?.TrySetResult(false);
        MessageFinished();
    }

    public void MessageQueued() => Interlocked.Increment(ref _unfinished);

    public void MessageFinished()
    {
        if (Interlocked.Decrement(ref _unfinished) != 0)
        {
            return;
        }

        lock (_gate)
        {
            if (Interlocked.Read(ref _unfinished) == 0)
            {
                foreach (var waiter in _drainWaiters)
                {
                    waiter.TrySetResult();
                }

                _drainWaiters.Clear();
            }
        }
    }

    public Task WaitDrainedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Interlocked.Read(ref _unfinished) == 0)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _drainWaiters.Add(waiter);
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Registers a message that holds a slot and returns its packet id.</summary>
    public InflightMessage Add(OutgoingMessage outgoing)
    {
        lock (_gate)
        {
            var entry = new InflightMessage(NextFreeId(), outgoing, _sequence++);
            _inflight.Add(entry.PacketId, entry);
            return entry;
        }
    }

    public ushort RentRequestId()
    {
        lock (_gate)
        {
            var id = NextFreeId();
            _requestIds.Add(id);
            return id;
        }
    }

    public void ReturnRequestId(ushort id)
    {
        lock (_gate)
        {
            _requestIds.Remove(id);
        }
    }

    /// <summary>Applies PUBACK, PUBREC or PUBCOMP. Returns true when PUBREL must be sent.</summary>
    /// <exception cref="MqttProtocolException">The id is not in flight in a state that expects this acknowledgement.</exception>
    public bool Acknowledge(MqttPacketType type, ushort packetId)
    {
        lock (_gate)
        {
            _inflight.TryGetValue(packetId, out var entry);
            switch (type, entry?.State)
            {
                case (MqttPacketType.PubAck, InflightState.AwaitingPubAck):
                case (MqttPacketType.PubComp, InflightState.AwaitingPubComp):
                    Complete(packetId);
                    return false;
                case (MqttPacketType.PubRec, InflightState.AwaitingPubRec or InflightState.AwaitingPubComp):
                    entry!.State = InflightState.AwaitingPubComp;
                    return true;
                default:
                    var stateText = entry is null ? "is not in flight" : $"is waiting for {entry.State switch
                    {
                        InflightState.AwaitingPubAck => "PUBACK",
                        InflightState.AwaitingPubRec => "PUBREC",
                        _ => "PUBCOMP",
                    }}";
                    throw new MqttProtocolException($"unexpected {type.ToString().ToUpperInvariant()} from broker: packet id {packetId} {stateText}");
            }
        }
    }

    /// <summary>
    /// The messages to send again on a new connection, in their original order. Without a resumed session the
    /// broker has forgotten QoS 2 handshakes past PUBREC, which it has already accepted, so they are finished here.
    /// Messages past their expiry at <paramref name="now"/> are withdrawn (slot and packet id released): every QoS 1
    /// one, and a QoS 2 one still waiting for PUBREC when the broker has forgotten the session. A QoS 2 message the
    /// broker may still hold by its packet id is sent again, expired or not, so that the id is not reused while the
    /// broker takes it for a duplicate.
    /// </summary>
    public IReadOnlyList<InflightMessage> ForRedelivery(bool sessionPresent, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!sessionPresent)
            {
                foreach (var done in _inflight.Values.Where(e => e.State == InflightState.AwaitingPubComp).ToList())
                {
                    Complete(done.PacketId);
                }
            }

            var expired = _inflight.Values
                .Where(e => e.Outgoing.IsExpired(now)
                    && (e.State == InflightState.AwaitingPubAck || (e.State == InflightState.AwaitingPubRec && !sessionPresent)))
                .ToList();
            foreach (var entry in expired)
            {
                Interlocked.Increment(ref _expired);
                Complete(entry.PacketId, acknowledged: false);
            }

            _requestIds.Clear();
            return [.. _inflight.Values.OrderBy(e => e.Sequence)];
        }
    }

    public int InflightCount
    {
        get
        {
            lock (_gate)
            {
                return _inflight.Count;
            }
        }
    }

    private void Complete(ushort packetId, bool acknowledged = true)
    {
        _inflight.Remove(packetId, out var entry);
        _slots.Release();
        entry?.Outgoing.Confirmation?.TrySetResult(acknowledged);
        MessageFinished();
    }

    private ushort NextFreeId()
    {
        // At most 65,000 ids are held at once (options limit), so a free one is always found.
        while (true)
        {
            _nextId = _nextId == ushort.MaxValue ? (ushort)1 : (ushort)(_nextId + 1);
            if (!_inflight.ContainsKey(_nextId) && !_requestIds.Contains(_nextId))
            {
                return _nextId;
            }
        }
    }

    public void Dispose() => _slots.Dispose();
}
