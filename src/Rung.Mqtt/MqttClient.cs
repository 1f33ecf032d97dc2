using System.Threading.Channels;
using Rung.Mqtt.Client;
using Rung.Mqtt.Packets;
using Rung.Mqtt.Topics;

namespace Rung.Mqtt;

/// <summary>
/// MQTT 3.1.1 client with QoS 0/1/2, TLS, keep-alive, persistent sessions and automatic reconnect.
/// <para>
/// <see cref="ConnectAsync"/> makes the first connection; after that a supervising loop reconnects with
/// backoff whenever the connection is lost (I/O error, protocol error, missed PINGRESP), sends
/// unacknowledged QoS 1/2 messages again with the DUP flag (except those past their <see cref="MqttMessage.ExpiresAt"/>,
/// which are withdrawn), and subscribes again when the broker did not
/// keep the session. Published messages go through a bounded queue: <see cref="PublishAsync(MqttMessage, CancellationToken)"/>
/// waits while it is full and keeps messages across reconnects. Received messages are read from
/// <see cref="Messages"/>; reading from the broker pauses while that buffer is full.
/// </para>
/// All members are thread-safe.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<OutgoingMessage> _outgoing;
    private readonly Channel<MqttMessage> _received;
    private readonly OutgoingSession _session;
    private readonly object _gate = new();
    private readonly Dictionary<string, MqttQualityOfService> _subscriptions = new(StringComparer.Ordinal);
    private readonly Random _random = new();
    private TaskCompletionSource _connected = NewSignal();
    private CancellationTokenSource? _stop;
    private Task? _supervisor;
    private MqttTransport? _transport;
    private MqttConnectionState _state;
    private bool _disposed;

    /// <summary>Creates a client; nothing connects until <see cref="ConnectAsync"/>.</summary>
    /// <param name="options">Validated here.</param>
    /// <param name="timeProvider">Clock for keep-alive, timeouts and backoff; the system clock by default.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public MqttClient(MqttClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _outgoing = Channel.CreateBounded<OutgoingMessage>(new BoundedChannelOptions(options.OutgoingQueueCapacity) { SingleReader = true });
        _received = Channel.CreateBounded<MqttMessage>(new BoundedChannelOptions(options.ReceiveQueueCapacity) { SingleWriter = true });
        _session = new OutgoingSession(options.MaximumInflight);
    }

    /// <summary>Raised on every change of <see cref="State"/>, with the error that caused a loss. Handlers run on the client's loop: keep them short.</summary>
    public event EventHandler<MqttConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>The connection state now.</summary>
    public MqttConnectionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Messages received on the client's subscriptions, in arrival order. Completed when the client is disposed.</summary>
    public ChannelReader<MqttMessage> Messages => _received.Reader;

    /// <summary>The options the client was created with.</summary>
    public MqttClientOptions Options => _options;

    /// <summary>
    /// Connects and starts the reconnect loop. Returns when the broker accepted the connection.
    /// </summary>
    /// <exception cref="MqttConnectException">The broker refused, did not answer within <see cref="MqttClientOptions.ConnectTimeout"/>, or could not be reached; the client stays stopped.</exception>
    /// <exception cref="InvalidOperationException">The client is already started.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CancellationTokenSource stop;
        lock (_gate)
        {
            if (_stop is not null)
            {
                throw new InvalidOperationException("the MQTT client is already started");
            }

            stop = _stop = new CancellationTokenSource();
        }

        try
        {
            SetState(MqttConnectionState.Connecting, null);
            var (transport, sessionPresent) = await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
            _supervisor = Task.Run(() => SuperviseAsync(transport, sessionPresent, stop.Token), CancellationToken.None);
            await _connected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            lock (_gate)
            {
                _stop = null;
            }

            stop.Dispose();
            SetState(MqttConnectionState.Stopped, error);
            throw;
        }
    }

    /// <summary>
    /// Sends DISCONNECT (so the broker discards the last will), closes the connection and stops reconnecting.
    /// Queued and unacknowledged messages stay in the client and are sent by a later <see cref="ConnectAsync"/>;
    /// call <see cref="FlushAsync"/> first to wait for them.
    /// </summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        CancellationTokenSource? stop;
        Task? supervisor;
        MqttTransport? transport;
        lock (_gate)
        {
            (stop, supervisor, transport) = (_stop, _supervisor, _transport);
            _stop = null;
            _supervisor = null;
        }

        if (stop is null)
        {
            return;
        }

        if (transport is not null && State == MqttConnectionState.Connected)
        {
            try
            {
                await transport.SendAsync(PacketBytes.Disconnect, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                // The connection is already gone; the broker treats that like a lost client, nothing more to do.
            }
        }

        await stop.CancelAsync().ConfigureAwait(false);
        if (supervisor is not null)
        {
            await supervisor.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        stop.Dispose();
        SetState(MqttConnectionState.Stopped, null);
    }

    /// <summary>Queues a message for sending; waits while the outgoing queue is full.</summary>
    /// <exception cref="ArgumentException">The topic is not a valid topic name, or the message is too large for MQTT.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting for room; the message was not queued.</exception>
    public ValueTask PublishAsync(MqttMessage message, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new OutgoingMessage(message, null), cancellationToken);

    /// <summary>
    /// Queues a QoS 1 or 2 message and waits until the broker acknowledged it (PUBACK, or PUBCOMP for QoS 2):
    /// true. False when the message reached its <see cref="MqttMessage.ExpiresAt"/> first and the client withdrew it
    /// (unsent, or not sent again after a reconnect); a withdrawn message may still have reached the broker before
    /// the connection was lost. Across reconnects it keeps waiting; bound it with <paramref name="cancellationToken"/>,
    /// which stops the wait but leaves the message queued or in flight until it is acknowledged or expires.
    /// </summary>
    /// <exception cref="ArgumentException">QoS 0 (it has no acknowledgement), or the message is invalid as for <see cref="PublishAsync(MqttMessage, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting for room or for the acknowledgement.</exception>
    public async Task<bool> PublishConfirmedAsync(MqttMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            throw new ArgumentException($"a QoS 0 message on '{message.Topic}' has no acknowledgement to wait for; publish it at QoS 1 or 2", nameof(message));
        }

        var confirmation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await EnqueueAsync(new OutgoingMessage(message, confirmation), cancellationToken).ConfigureAwait(false);
        return await confirmation.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Messages withdrawn because they reached their <see cref="MqttMessage.ExpiresAt"/> before they were sent, or before the broker acknowledged them and a reconnect would have sent them again.</summary>
    public long ExpiredMessages => _session.Expired;

    private async ValueTask EnqueueAsync(OutgoingMessage outgoing, CancellationToken cancellationToken)
    {
        var message = outgoing.Message;
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        TopicFilter.ValidateTopicName(message.Topic);
        if (!Enum.IsDefined(message.QualityOfService))
        {
            throw new ArgumentException($"QoS {(int)message.QualityOfService} of message on '{message.Topic}' is not 0, 1 or 2", nameof(outgoing));
        }

        if (message.Payload.Length > MqttPacketWriter.MaxRemainingLength - 65_540)
        {
            throw new ArgumentException($"payload of {message.Payload.Length} bytes on '{message.Topic}' is larger than MQTT allows", nameof(outgoing));
        }

        _session.MessageQueued();
        try
        {
            if (!_outgoing.Writer.TryWrite(outgoing))
            {
                await _outgoing.Writer.WriteAsync(outgoing, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _session.MessageFinished();
            throw;
        }
    }

    /// <summary>Queues a message for sending; waits while the outgoing queue is full.</summary>
    public ValueTask PublishAsync(
        string topic,
        ReadOnlyMemory<byte> payload,
        MqttQualityOfService qualityOfService = MqttQualityOfService.AtMostOnce,
        bool retain = false,
        CancellationToken cancellationToken = default) =>
        PublishAsync(new MqttMessage(topic, payload, qualityOfService, retain), cancellationToken);

    /// <summary>
    /// Waits until every queued message has been written (QoS 0) or acknowledged (QoS 1 and 2).
    /// Across reconnects it keeps waiting; bound it with <paramref name="cancellationToken"/>.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _session.WaitDrainedAsync(cancellationToken);

    /// <summary>
    /// Subscribes and returns the QoS granted per filter (null where the broker refused). The subscriptions are
    /// remembered and made again after a reconnect that lost the session. Waits for a connection if there is none.
    /// </summary>
    /// <exception cref="ArgumentException">A filter is invalid or the list is empty.</exception>
    /// <exception cref="MqttConnectException">The connection was lost before SUBACK; the subscription is still made on reconnect.</exception>
    public async Task<IReadOnlyList<MqttQualityOfService?>> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (subscriptions.Count == 0)
        {
            throw new ArgumentException("SubscribeAsync needs at least one subscription", nameof(subscriptions));
        }

        foreach (var subscription in subscriptions)
        {
            TopicFilter.ValidateFilter(subscription.Filter);
            if (!Enum.IsDefined(subscription.QualityOfService))
            {
                throw new ArgumentException($"QoS {(int)subscription.QualityOfService} for '{subscription.Filter}' is not 0, 1 or 2", nameof(subscriptions));
            }
        }

        lock (_gate)
        {
            foreach (var subscription in subscriptions)
            {
                _subscriptions[subscription.Filter] = subscription.QualityOfService;
            }
        }

        var reply = await RequestAsync(id => new SubscribePacket(id, subscriptions), cancellationToken).ConfigureAwait(false);
        var codes = ((SubAckPacket)reply).ReturnCodes;
        if (codes.Count != subscriptions.Count)
        {
            throw new MqttProtocolException($"SUBACK has {codes.Count} return codes for {subscriptions.Count} topic filters");
        }

        return [.. codes.Select(code => code == SubAckPacket.Failure ? (MqttQualityOfService?)null : (MqttQualityOfService)code)];
    }

    /// <summary>Subscribes to one filter; see <see cref="SubscribeAsync(IReadOnlyList{MqttSubscription}, CancellationToken)"/>.</summary>
    public async Task<MqttQualityOfService?> SubscribeAsync(string filter, MqttQualityOfService qualityOfService = MqttQualityOfService.AtLeastOnce, CancellationToken cancellationToken = default) =>
        (await SubscribeAsync([new MqttSubscription(filter, qualityOfService)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Unsubscribes and forgets the filters. Waits for a connection if there is none.</summary>
    public async Task UnsubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (filters.Count == 0)
        {
            throw new ArgumentException("UnsubscribeAsync needs at least one topic filter", nameof(filters));
        }

        foreach (var filter in filters)
        {
            TopicFilter.ValidateFilter(filter);
        }

        lock (_gate)
        {
            foreach (var filter in filters)
            {
                _subscriptions.Remove(filter);
            }
        }

        await RequestAsync(id => new UnsubscribePacket(id, filters), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disconnects (see <see cref="DisconnectAsync"/>) and completes <see cref="Messages"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        _disposed = true;
        _received.Writer.TryComplete();
        _session.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SetState(MqttConnectionState state, Exception? error, bool sessionPresent = false)
    {
        lock (_gate)
        {
            _state = state;
            if (state == MqttConnectionState.Connected)
            {
                _connected.TrySetResult();
            }
            else if (_connected.Task.IsCompleted)
            {
                _connected = NewSignal();
            }
        }

        StateChanged?.Invoke(this, new MqttConnectionStateChangedEventArgs(state, error, sessionPresent));
    }
}
