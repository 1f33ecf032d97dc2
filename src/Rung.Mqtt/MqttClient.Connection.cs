using System.Buffers;
using System.Net.Sockets;
using Rung.Mqtt.Client;
using Rung.Mqtt.Packets;

namespace Rung.Mqtt;

/// <summary>Opening a connection, the supervising reconnect loop, and keep-alive.</summary>
public sealed partial class MqttClient
{
    private readonly HashSet<ushort> _inboundExactlyOnce = [];

    private async Task<(MqttTransport Transport, bool SessionPresent)> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        MqttTransport? transport = null;
        try
        {
            transport = await MqttTransport.OpenAsync(_options, _time, linked.Token).ConfigureAwait(false);
            var connect = new ConnectPacket(
                _options.ClientId,
                (ushort)_options.KeepAlive.TotalSeconds,
                _options.CleanSession,
                _options.UserName,
                _options.Password is null ? (ReadOnlyMemory<byte>?)null : System.Text.Encoding.UTF8.GetBytes(_options.Password),
                _options.Will);
            await transport.SendAsync(PacketBytes.Encode(connect), linked.Token).ConfigureAwait(false);
            var reply = await ReadConnAckAsync(transport, linked.Token).ConfigureAwait(false);
            if (reply.ReturnCode != MqttConnectReturnCode.Accepted)
            {
                throw new MqttConnectException(reply.ReturnCode);
            }

            return (transport, reply.SessionPresent);
        }
        catch (Exception error)
        {
            if (transport is not null)
            {
                await transport.DisposeAsync().ConfigureAwait(false);
            }

            if (error is MqttConnectException || cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var where = $"{_options.Host}:{_options.Port}";
            throw error switch
            {
                OperationCanceledException => new MqttConnectException($"no CONNACK from {where} within {_options.ConnectTimeout.TotalSeconds:0.###} s", error),
                MqttProtocolException => new MqttConnectException($"broker at {where} answered CONNECT with a bad packet: {error.Message}", error),
                _ => new MqttConnectException($"could not connect to {where}: {error.Message}", error),
            };
        }
    }

    private async Task<ConnAckPacket> ReadConnAckAsync(MqttTransport transport, CancellationToken cancellationToken)
    {
        var reader = new MqttPacketReader(_options.MaximumPacketSize);
        while (true)
        {
            var result = await transport.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (reader.TryRead(ref buffer, out var packet))
            {
                // Nothing but CONNACK may come first; anything after it is read by the receive loop.
                transport.Input.AdvanceTo(buffer.Start);
                return packet as ConnAckPacket
                    ?? throw new MqttProtocolException($"expected CONNACK as the first packet but got {packet.Type.ToString().ToUpperInvariant()}");
            }

            transport.Input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new IOException("the broker closed the connection before CONNACK");
            }
        }
    }

    private async Task SuperviseAsync(MqttTransport? transport, bool sessionPresent, CancellationToken stop)
    {
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            if (transport is not null)
            {
                var error = await RunConnectionAsync(transport, sessionPresent, stop).ConfigureAwait(false);
                await transport.DisposeAsync().ConfigureAwait(false);
                transport = null;
                FailRequests(error);
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                SetState(MqttConnectionState.Reconnecting, error);
                attempt = 0;
            }

            try
            {
                await Task.Delay(_options.Reconnect.GetDelay(attempt++, _random), _time, stop).ConfigureAwait(false);
                SetState(MqttConnectionState.Connecting, null);
                (transport, sessionPresent) = await ConnectOnceAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (MqttConnectException error)
            {
                SetState(MqttConnectionState.Reconnecting, error);
            }
        }
    }

    /// <summary>Runs one accepted connection until it fails or the client stops; returns what ended it.</summary>
    private async Task<Exception?> RunConnectionAsync(MqttTransport transport, bool sessionPresent, CancellationToken stop)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(stop);
        if (!sessionPresent)
        {
            lock (_inboundExactlyOnce)
            {
                _inboundExactlyOnce.Clear();
            }
        }

        lock (_gate)
        {
            _transport = transport;
        }

        var receive = Task.Run(() => ReceiveLoopAsync(transport, end.Token), CancellationToken.None);
        Task send = Task.CompletedTask;
        Task keepAlive = Task.CompletedTask;
        Exception? failure = null;
        try
        {
            await RedeliverAsync(transport, sessionPresent, end.Token).ConfigureAwait(false);
            if (!sessionPresent || _options.CleanSession)
            {
                await ResubscribeAsync(transport, end.Token).ConfigureAwait(false);
            }

            send = Task.Run(() => SendLoopAsync(transport, end.Token), CancellationToken.None);
            keepAlive = Task.Run(() => KeepAliveLoopAsync(transport, end.Token), CancellationToken.None);
            SetState(MqttConnectionState.Connected, null, sessionPresent);
            var first = await Task.WhenAny(receive, send, keepAlive).ConfigureAwait(false);
            failure = first.Exception?.InnerException;
        }
        catch (Exception error) when (error is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            failure = error;
        }
        catch (OperationCanceledException)
        {
        }

        lock (_gate)
        {
            _transport = null;
        }

        await end.CancelAsync().ConfigureAwait(false);
        transport.Abort();
        try
        {
            await Task.WhenAll(receive, send, keepAlive).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Every loop ends with an error once the socket is closed; the first one is the cause.
        }

        return stop.IsCancellationRequested ? null : Describe(failure);
    }

    private Exception Describe(Exception? failure) => failure switch
    {
        null => new IOException($"connection to {_options.Host}:{_options.Port} ended"),
        SocketException or IOException or MqttProtocolException or TimeoutException => failure,
        OperationCanceledException => new IOException($"connection to {_options.Host}:{_options.Port} was closed", failure),
        _ => failure,
    };

    private async Task RedeliverAsync(MqttTransport transport, bool sessionPresent, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (var entry in _session.ForRedelivery(sessionPresent, _time.GetUtcNow()))
        {
            if (entry.State == InflightState.AwaitingPubComp)
            {
                MqttPacketWriter.WriteAck(buffer, MqttPacketType.PubRel, entry.PacketId);
            }
            else
            {
                var message = entry.Message;
                MqttPacketWriter.WritePublish(buffer, message.Topic, message.Payload.Span, message.QualityOfService, message.Retain, duplicate: true, entry.PacketId);
            }

            if (buffer.WrittenCount > 32 * 1024)
            {
                await transport.SendAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        if (buffer.WrittenCount > 0)
        {
            await transport.SendAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ResubscribeAsync(MqttTransport transport, CancellationToken cancellationToken)
    {
        MqttSubscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions.Select(pair => new MqttSubscription(pair.Key, pair.Value))];
        }

        if (subscriptions.Length == 0)
        {
            return;
        }

        var id = _session.RentRequestId();
        var reply = new TaskCompletionSource<MqttPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = reply.Task.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        lock (_pending)
        {
            _pending[id] = (MqttPacketType.SubAck, reply);
        }

        await transport.SendAsync(PacketBytes.Encode(new SubscribePacket(id, subscriptions)), cancellationToken).ConfigureAwait(false);
    }

    private async Task KeepAliveLoopAsync(MqttTransport transport, CancellationToken cancellationToken)
    {
        var interval = _options.KeepAlive;
        if (interval == TimeSpan.Zero)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
            return;
        }

        while (true)
        {
            var idle = _time.GetElapsedTime(transport.LastSent);
            if (idle < interval)
            {
                await Task.Delay(interval - idle, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            transport.PendingPing = pong;
            await transport.SendAsync(PacketBytes.PingReq, cancellationToken).ConfigureAwait(false);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timeout = Task.Delay(_options.PingTimeout, _time, wait.Token);
            var first = await Task.WhenAny(pong.Task, timeout).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == timeout)
            {
                throw new TimeoutException($"no PINGRESP from {_options.Host}:{_options.Port} within {_options.PingTimeout.TotalSeconds:0.###} s; the connection is taken as dead");
            }
        }
    }
}
