using Rung.Mqtt.Client;
using Rung.Mqtt.Packets;

namespace Rung.Mqtt;

/// <summary>SUBSCRIBE and UNSUBSCRIBE requests waiting for their acknowledgement.</summary>
public sealed partial class MqttClient
{
    private readonly Dictionary<ushort, (MqttPacketType Expected, TaskCompletionSource<MqttPacket> Reply)> _pending = [];

    private async Task<MqttPacket> RequestAsync(Func<ushort, MqttPacket> build, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task connected;
            lock (_gate)
            {
                connected = _connected.Task;
            }

            await connected.WaitAsync(cancellationToken).ConfigureAwait(false);
            MqttTransport? transport;
            lock (_gate)
            {
                transport = _transport;
            }

            if (transport is null)
            {
                continue;
            }

            var id = _session.RentRequestId();
            var request = build(id);
            var expected = request.Type == MqttPacketType.Subscribe ? MqttPacketType.SubAck : MqttPacketType.UnsubAck;
            var reply = new TaskCompletionSource<MqttPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_pending)
            {
                _pending[id] = (expected, reply);
            }

            try
            {
                await transport.SendAsync(PacketBytes.Encode(request), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                reply.TrySetException(new MqttConnectException($"connection lost before {expected.ToString().ToUpperInvariant()}: {error.Message}", error));
            }

            // A cancelled wait leaves the entry so that the late acknowledgement is still recognised.
            return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Matches SUBACK or UNSUBACK to its request.</summary>
    /// <exception cref="MqttProtocolException">No request with that packet id is waiting for that acknowledgement.</exception>
    private void CompleteRequest(MqttPacket reply, ushort packetId)
    {
        TaskCompletionSource<MqttPacket> waiter;
        lock (_pending)
        {
            if (!_pending.TryGetValue(packetId, out var entry) || entry.Expected != reply.Type)
            {
                throw new MqttProtocolException($"unexpected {reply.Type.ToString().ToUpperInvariant()} from broker: packet id {packetId} has no request waiting for it");
            }

            _pending.Remove(packetId);
            waiter = entry.Reply;
        }

        _session.ReturnRequestId(packetId);
        waiter.TrySetResult(reply);
    }

    private void FailRequests(Exception? error)
    {
        List<TaskCompletionSource<MqttPacket>> waiters;
        lock (_pending)
        {
            waiters = [.. _pending.Values.Select(entry => entry.Reply)];
            _pending.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(new MqttConnectException($"connection lost before the broker acknowledged: {error?.Message ?? "client stopped"}", error ?? new OperationCanceledException()));
        }
    }
}
