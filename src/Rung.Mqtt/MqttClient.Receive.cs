using System.Buffers;
using Rung.Mqtt.Client;
using Rung.Mqtt.Packets;

namespace Rung.Mqtt;

/// <summary>The receive loop: decodes packets from the pipe, delivers messages, and batches the acknowledgements of one read into one write.</summary>
public sealed partial class MqttClient
{
    private async Task ReceiveLoopAsync(MqttTransport transport, CancellationToken cancellationToken)
    {
        var reader = new MqttPacketReader(_options.MaximumPacketSize);
        var replies = new ArrayBufferWriter<byte>(1024);
        var input = transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (reader.TryRead(ref buffer, out var packet))
                {
                    if (packet is PublishPacket publish)
                    {
                        if (!AcceptPublish(publish, replies))
                        {
                            continue;
                        }

                        if (!_received.Writer.TryWrite(publish.Message))
                        {
                            // The reader is behind: let the broker have its acknowledgements before pausing.
                            await FlushRepliesAsync(transport, replies, cancellationToken).ConfigureAwait(false);
                            await _received.Writer.WriteAsync(publish.Message, cancellationToken).ConfigureAwait(false);
                        }

                        AcknowledgeDelivered(publish, replies);
                    }
                    else
                    {
                        Handle(packet, transport, replies);
                    }
                }

                await FlushRepliesAsync(transport, replies, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                throw new IOException($"the broker at {_options.Host}:{_options.Port} closed the connection");
            }
        }
    }

    /// <summary>QoS 2 exactly-once: a PUBLISH whose id is already stored (PUBREC sent, PUBREL not yet received) is acknowledged again but not delivered.</summary>
    private bool AcceptPublish(PublishPacket publish, ArrayBufferWriter<byte> replies)
    {
        if (publish.Message.QualityOfService != MqttQualityOfService.ExactlyOnce)
        {
            return true;
        }

        bool isNew;
        lock (_inboundExactlyOnce)
        {
            isNew = _inboundExactlyOnce.Add(publish.PacketId);
        }

        if (!isNew)
        {
            MqttPacketWriter.WriteAck(replies, MqttPacketType.PubRec, publish.PacketId);
        }

        return isNew;
    }

    private static void AcknowledgeDelivered(PublishPacket publish, ArrayBufferWriter<byte> replies)
    {
        switch (publish.Message.QualityOfService)
        {
            case MqttQualityOfService.AtLeastOnce:
                MqttPacketWriter.WriteAck(replies, MqttPacketType.PubAck, publish.PacketId);
                break;
            case MqttQualityOfService.ExactlyOnce:
                MqttPacketWriter.WriteAck(replies, MqttPacketType.PubRec, publish.PacketId);
                break;
            default:
                break;
        }
    }

    private void Handle(MqttPacket packet, MqttTransport transport, ArrayBufferWriter<byte> replies)
    {
        switch (packet)
        {
            case AckPacket { Type: MqttPacketType.PubRel } release:
                lock (_inboundExactlyOnce)
                {
                    _inboundExactlyOnce.Remove(release.PacketId);
                }

                // PUBCOMP even for an unknown id: the broker may resend PUBREL after a reconnect we already completed.
                MqttPacketWriter.WriteAck(replies, MqttPacketType.PubComp, release.PacketId);
                break;
            case AckPacket { Type: MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubComp } ack:
                if (_session.Acknowledge(ack.Type, ack.PacketId))
                {
                    MqttPacketWriter.WriteAck(replies, MqttPacketType.PubRel, ack.PacketId);
                }

                break;
            case AckPacket { Type: MqttPacketType.UnsubAck } unsubAck:
                CompleteRequest(unsubAck, unsubAck.PacketId);
                break;
            case SubAckPacket subAck:
                CompleteRequest(subAck, subAck.PacketId);
                break;
            case { Type: MqttPacketType.PingResp }:
                transport.PendingPing?.TrySetResult();
                break;
            default:
                throw new MqttProtocolException($"unexpected {packet.Type.ToString().ToUpperInvariant()} from broker: a server never sends it to a client");
        }
    }

    private static async ValueTask FlushRepliesAsync(MqttTransport transport, ArrayBufferWriter<byte> replies, CancellationToken cancellationToken)
    {
        if (replies.WrittenCount == 0)
        {
            return;
        }

        await transport.SendAsync(replies.WrittenMemory, cancellationToken).ConfigureAwait(false);
        replies.ResetWrittenCount();
    }
}
