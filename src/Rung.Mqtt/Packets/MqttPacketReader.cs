using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Rung.Mqtt.Topics;

namespace Rung.Mqtt.Packets;

/// <summary>
/// Decodes MQTT 3.1.1 packets from a byte stream. Total: for any input it either returns a packet,
/// reports that more bytes are needed, or throws <see cref="MqttProtocolException"/> naming the packet
/// type and the fault; it never throws anything else. A packet larger than
/// <see cref="MaximumPacketSize"/> is refused as soon as its header is read, before its body is buffered.
/// One instance per connection; not thread-safe.
/// </summary>
public sealed class MqttPacketReader
{
    private readonly TopicStringCache _topics = new();

    /// <summary>Creates a reader.</summary>
    /// <param name="maximumPacketSize">Largest whole packet (header included) accepted, in bytes.</param>
    public MqttPacketReader(int maximumPacketSize = MqttPacketWriter.MaxRemainingLength + 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumPacketSize, 2);
        MaximumPacketSize = maximumPacketSize;
    }

    /// <summary>Largest whole packet accepted, in bytes.</summary>
    public int MaximumPacketSize { get; }

    /// <summary>
    /// Reads one packet from the start of <paramref name="buffer"/>. On success <paramref name="buffer"/> is
    /// advanced past it; when the packet is incomplete it returns false and leaves the buffer alone.
    /// </summary>
    /// <exception cref="MqttProtocolException">The bytes are not a valid packet, or it is too large.</exception>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MqttPacket? packet)
    {
        packet = null;
        if (buffer.Length < 2)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[5];
        var headerLength = (int)Math.Min(5, buffer.Length);
        buffer.Slice(0, headerLength).CopyTo(header);
        var first = header[0];
        var type = (MqttPacketType)(first >> 4);
        if (type is < MqttPacketType.Connect or > MqttPacketType.Disconnect)
        {
            throw new MqttProtocolException($"malformed packet: reserved packet type {first >> 4} in first byte 0x{first:X2}");
        }

        if (!TryReadRemainingLength(header[1..headerLength], type, out var remainingLength, out var lengthBytes))
        {
            return false;
        }

        var total = 1L + lengthBytes + remainingLength;
        if (total > MaximumPacketSize)
        {
            throw new MqttProtocolException($"{BodyReader.Name(type)} packet of {total} bytes exceeds the maximum packet size of {MaximumPacketSize} bytes");
        }

        if (buffer.Length < total)
        {
            return false;
        }

        var body = buffer.Slice(1 + lengthBytes, remainingLength);
        packet = body.IsSingleSegment ? Decode(first, type, body.FirstSpan) : DecodeCopy(first, type, body);
        buffer = buffer.Slice(total);
        return true;
    }

    private static bool TryReadRemainingLength(ReadOnlySpan<byte> bytes, MqttPacketType type, out int value, out int count)
    {
        value = 0;
        count = 0;
        var multiplier = 1;
        while (true)
        {
            if (count == 4)
            {
                throw new MqttProtocolException($"malformed {BodyReader.Name(type)} packet: remaining length has more than 4 bytes");
            }

            if (count == bytes.Length)
            {
                return false;
            }

            var digit = bytes[count++];
            value += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0)
            {
                return true;
            }
        }
    }

    private MqttPacket DecodeCopy(byte first, MqttPacketType type, ReadOnlySequence<byte> body)
    {
        var rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
        try
        {
            body.CopyTo(rented);
            return Decode(first, type, rented.AsSpan(0, (int)body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private MqttPacket Decode(byte first, MqttPacketType type, ReadOnlySpan<byte> body)
    {
        var flags = first & 0x0F;
        var reader = new BodyReader(body, type);
        if (type != MqttPacketType.Publish)
        {
            var expected = type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? 0x02 : 0x00;
            if (flags != expected)
            {
                throw reader.Fail($"fixed-header flags are 0x{flags:X} but must be 0x{expected:X}");
            }
        }

        MqttPacket packet = type switch
        {
            MqttPacketType.Connect => ReadConnect(ref reader),
            MqttPacketType.ConnAck => ReadConnAck(ref reader),
            MqttPacketType.Publish => ReadPublish(ref reader, flags),
            MqttPacketType.Subscribe => ReadSubscribe(ref reader),
            MqttPacketType.SubAck => ReadSubAck(ref reader),
            MqttPacketType.Unsubscribe => ReadUnsubscribe(ref reader),
            MqttPacketType.PingReq => SignalPacket.PingReq,
            MqttPacketType.PingResp => SignalPacket.PingResp,
            MqttPacketType.Disconnect => SignalPacket.Disconnect,
            _ => new AckPacket(type, reader.ReadPacketId()),
        };
        reader.End();
        return packet;
    }

    private static ConnectPacket ReadConnect(ref BodyReader reader)
    {
        var protocol = reader.ReadString("protocol name");
        var level = reader.ReadByte("protocol level");
        if (protocol != "MQTT" || level != 4)
        {
            throw reader.Fail($"protocol '{protocol}' level {level} is not MQTT 3.1.1 ('MQTT' level 4)");
        }

        var flags = reader.ReadByte("connect flags");
        var keepAlive = reader.ReadUInt16("keep alive");
        if ((flags & 0x01) != 0)
        {
            throw reader.Fail("reserved connect flag bit 0 is set");
        }

        var hasWill = (flags & 0x04) != 0;
        var willQos = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        if (willQos == 3 || (!hasWill && (willQos != 0 || willRetain)))
        {
            throw reader.Fail($"will QoS {willQos} / retain {willRetain} is invalid with will flag {hasWill}");
        }

        var hasPassword = (flags & 0x40) != 0;
        var hasUser = (flags & 0x80) != 0;
        if (hasPassword && !hasUser)
        {
            throw reader.Fail("password flag set without user name flag");
        }

        var clientId = reader.ReadString("client identifier");
        MqttLastWill? will = null;
        if (hasWill)
        {
            var topic = ReadTopicName(ref reader, "will topic", cache: null);
            will = new MqttLastWill(topic, reader.ReadBinary("will message").ToArray(), (MqttQualityOfService)willQos, willRetain);
        }

        var user = hasUser ? reader.ReadString("user name") : null;
        ReadOnlyMemory<byte>? password = hasPassword ? reader.ReadBinary("password").ToArray() : (ReadOnlyMemory<byte>?)null;
        return new ConnectPacket(clientId, keepAlive, (flags & 0x02) != 0, user, password, will);
    }

    private static ConnAckPacket ReadConnAck(ref BodyReader reader)
    {
        var ackFlags = reader.ReadByte("acknowledge flags");
        var code = reader.ReadByte("return code");
        if ((ackFlags & 0xFE) != 0)
        {
            throw reader.Fail($"reserved acknowledge flag bits are set (0x{ackFlags:X2})");
        }

        if (code > (byte)MqttConnectReturnCode.NotAuthorized)
        {
            throw reader.Fail($"return code {code} is not defined by MQTT 3.1.1 (0 to 5)");
        }

        return new ConnAckPacket((ackFlags & 1) != 0, (MqttConnectReturnCode)code);
    }

    private PublishPacket ReadPublish(ref BodyReader reader, int flags)
    {
        var qos = (flags >> 1) & 0x03;
        var duplicate = (flags & 0x08) != 0;
        if (qos == 3)
        {
            throw reader.Fail("QoS bits are 3, which is reserved");
        }

        if (qos == 0 && duplicate)
        {
            throw reader.Fail("DUP flag set on a QoS 0 message");
        }

        var topic = ReadTopicName(ref reader, "topic name", _topics);
        var packetId = qos == 0 ? (ushort)0 : reader.ReadPacketId();
        var payload = reader.ReadRest();
        var message = new MqttMessage(topic, payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : payload.ToArray(), (MqttQualityOfService)qos, (flags & 0x01) != 0)
        {
            Duplicate = duplicate,
        };
        return new PublishPacket(message, packetId);
    }

    private static SubscribePacket ReadSubscribe(ref BodyReader reader)
    {
        var id = reader.ReadPacketId();
        var subscriptions = new List<MqttSubscription>();
        while (reader.Remaining > 0)
        {
            var filter = reader.ReadString("topic filter");
            if (!TopicFilter.IsValidFilter(filter, out var error))
            {
                throw reader.Fail(error!);
            }

            var qos = reader.ReadByte("requested QoS");
            if (qos > 2)
            {
                throw reader.Fail($"requested QoS byte 0x{qos:X2} for '{filter}' is not 0, 1 or 2");
            }

            subscriptions.Add(new MqttSubscription(filter, (MqttQualityOfService)qos));
        }

        return subscriptions.Count == 0 ? throw reader.Fail("no topic filter") : new SubscribePacket(id, subscriptions);
    }

    private static SubAckPacket ReadSubAck(ref BodyReader reader)
    {
        var id = reader.ReadPacketId();
        var codes = reader.ReadRest().ToArray();
        foreach (var code in codes)
        {
            if (code is > 2 and not SubAckPacket.Failure)
            {
                throw reader.Fail($"return code 0x{code:X2} is not 0, 1, 2 or 0x80");
            }
        }

        return codes.Length == 0 ? throw reader.Fail("no return code") : new SubAckPacket(id, codes);
    }

    private static UnsubscribePacket ReadUnsubscribe(ref BodyReader reader)
    {
        var id = reader.ReadPacketId();
        var filters = new List<string>();
        while (reader.Remaining > 0)
        {
            var filter = reader.ReadString("topic filter");
            if (!TopicFilter.IsValidFilter(filter, out var error))
            {
                throw reader.Fail(error!);
            }

            filters.Add(filter);
        }

        return filters.Count == 0 ? throw reader.Fail("no topic filter") : new UnsubscribePacket(id, filters);
    }

    private static string ReadTopicName(ref BodyReader reader, string field, TopicStringCache? cache)
    {
        var topic = reader.ReadString(field, cache);
        return TopicFilter.IsValidTopicName(topic, out var error) ? topic : throw reader.Fail($"{field}: {error}");
    }
}
