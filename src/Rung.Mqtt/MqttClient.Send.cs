using System.Buffers;
using Rung.Mqtt.Client;
using Rung.Mqtt.Packets;

namespace Rung.Mqtt;

/// <summary>The send loop: drains the outgoing queue, packing what is ready into one write, within the in-flight window.</summary>
public sealed partial class MqttClient
{
    private const int SendBatchBytes = 64 * 1024;

    private async Task SendLoopAsync(MqttTransport transport, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(SendBatchBytes + 1024);
        var queue = _outgoing.Reader;
        var written = 0;
        while (true)
        {
            if (!queue.TryPeek(out var outgoing))
            {
                await WriteBatchAsync(transport, buffer, written, cancellationToken).ConfigureAwait(false);
                written = 0;
                await queue.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var message = outgoing.Message;
            if (outgoing.IsExpired(_time.GetUtcNow()))
            {
                queue.TryRead(out _);
                _session.ExpiredUnsent(outgoing);
                continue;
            }

            if (message.QualityOfService != MqttQualityOfService.AtMostOnce && !_session.TryTakeSlot())
            {
                await WriteBatchAsync(transport, buffer, written, cancellationToken).ConfigureAwait(false);
                written = 0;
                await _session.TakeSlotAsync(cancellationToken).ConfigureAwait(false);
                if (!queue.TryRead(out _))
                {
                    throw new InvalidOperationException("the outgoing queue lost a message it had shown");
                }

                // It may have expired while the in-flight window was full.
                if (outgoing.IsExpired(_time.GetUtcNow()))
                {
                    _session.ReleaseSlot();
                    _session.ExpiredUnsent(outgoing);
                    continue;
                }

                Encode(outgoing, buffer);
            }
            else
            {
                queue.TryRead(out _);
                Encode(outgoing, buffer);
            }

            if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
            {
                written++;
            }

            if (buffer.WrittenCount >= SendBatchBytes)
            {
                await WriteBatchAsync(transport, buffer, written, cancellationToken).ConfigureAwait(false);
                written = 0;
            }
        }
    }

    private void Encode(OutgoingMessage outgoing, ArrayBufferWriter<byte> buffer)
    {
        var message = outgoing.Message;
        ushort packetId = 0;
        if (message.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            // Registered before it is written, so a connection lost mid-write still sends it again with DUP.
            packetId = _session.Add(outgoing).PacketId;
        }

        MqttPacketWriter.WritePublish(buffer, message.Topic, message.Payload.Span, message.QualityOfService, message.Retain, duplicate: false, packetId);
    }

    /// <summary>Writes the batch; QoS 0 messages count as finished once written.</summary>
    private async ValueTask WriteBatchAsync(MqttTransport transport, ArrayBufferWriter<byte> buffer, int atMostOnceCount, CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount == 0)
        {
            return;
        }

        try
        {
            await transport.SendAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // QoS 0 is at most once: a failed write loses them, and they are not waited on again.
            buffer.ResetWrittenCount();
            for (var i = 0; i < atMostOnceCount; i++)
            {
                _session.MessageFinished();
            }
        }
    }
}
