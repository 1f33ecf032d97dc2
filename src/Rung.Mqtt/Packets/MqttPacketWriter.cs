using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Rung.Mqtt.Packets;

/// <summary>
/// Encodes MQTT 3.1.1 packets into an <see cref="IBufferWriter{T}"/>. Inputs are checked for what the
/// wire format cannot carry (strings over 65,535 bytes, packets over 256 MiB, packet id 0 where one is
/// required); topic rules are the caller's concern (see <see cref="Topics.TopicFilter"/>).
/// </summary>
public static class MqttPacketWriter
{
    /// <summary>The largest remaining length the 4-byte variable integer can express.</summary>
    public const int MaxRemainingLength = 268_435_455;

    /// <summary>Writes any packet.</summary>
    /// <exception cref="ArgumentException">A field cannot be encoded.</exception>
    public static void Write(IBufferWriter<byte> writer, MqttPacket packet)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(packet);
        switch (packet)
        {
            case ConnectPacket connect:
                WriteConnect(writer, connect);
                break;
            case ConnAckPacket connAck:
                WriteConnAck(writer, connAck.SessionPresent, connAck.ReturnCode);
                break;
            case PublishPacket publish:
                WritePublish(writer, publish.Message.Topic, publish.Message.Payload.Span, publish.Message.QualityOfService, publish.Message.Retain, publish.Message.Duplicate, publish.PacketId);
                break;
            case AckPacket ack:
                WriteAck(writer, ack.Type, ack.PacketId);
                break;
            case SubscribePacket subscribe:
                WriteSubscribe(writer, subscribe.PacketId, subscribe.Subscriptions);
                break;
            case SubAckPacket subAck:
                WriteSubAck(writer, subAck.PacketId, subAck.ReturnCodes);
                break;
            case UnsubscribePacket unsubscribe:
                WriteUnsubscribe(writer, unsubscribe.PacketId, unsubscribe.Filters);
                break;
            default:
                WriteSignal(writer, packet.Type);
                break;
        }
    }

    /// <summary>Writes CONNECT with protocol name "MQTT" and level 4.</summary>
    public static void WriteConnect(IBufferWriter<byte> writer, ConnectPacket connect)
    {
        ArgumentNullException.ThrowIfNull(connect);
        if (connect.Password is not null && connect.UserName is null)
        {
            throw new ArgumentException("MQTT 3.1.1 allows a password only together with a user name", nameof(connect));
        }

        var will = connect.Will;
        var length = 10 + StringSize(connect.ClientId);
        if (will is not null)
        {
            length += StringSize(will.Topic) + BinarySize(will.Payload.Length);
        }

        if (connect.UserName is not null)
        {
            length += StringSize(connect.UserName);
        }

        if (connect.Password is { } password)
        {
            length += BinarySize(password.Length);
        }

        var flags = (byte)((connect.CleanSession ? 0x02 : 0)
            | (will is null ? 0 : 0x04 | ((byte)will.QualityOfService << 3) | (will.Retain ? 0x20 : 0))
            | (connect.Password is null ? 0 : 0x40)
            | (connect.UserName is null ? 0 : 0x80));

        var span = Begin(writer, 0x10, length, out var total);
        var at = 0;
        at += WriteString(span[at..], "MQTT");
        span[at++] = 4;
        span[at++] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], connect.KeepAliveSeconds);
        at += 2;
        at += WriteString(span[at..], connect.ClientId);
        if (will is not null)
        {
            at += WriteString(span[at..], will.Topic);
            at += WriteBinary(span[at..], will.Payload.Span);
        }

        if (connect.UserName is not null)
        {
            at += WriteString(span[at..], connect.UserName);
        }

        if (connect.Password is { } secret)
        {
            WriteBinary(span[at..], secret.Span);
        }

        writer.Advance(total);
    }

    /// <summary>Writes CONNACK.</summary>
    public static void WriteConnAck(IBufferWriter<byte> writer, bool sessionPresent, MqttConnectReturnCode returnCode)
    {
        var span = Begin(writer, 0x20, 2, out var total);
        span[0] = sessionPresent ? (byte)1 : (byte)0;
        span[1] = (byte)returnCode;
        writer.Advance(total);
    }

    /// <summary>Writes PUBLISH. <paramref name="packetId"/> must be 0 for QoS 0 and non-zero otherwise.</summary>
    public static void WritePublish(
        IBufferWriter<byte> writer,
        string topic,
        ReadOnlySpan<byte> payload,
        MqttQualityOfService qualityOfService,
        bool retain,
        bool duplicate,
        ushort packetId)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var hasId = qualityOfService != MqttQualityOfService.AtMostOnce;
        if (hasId != (packetId != 0))
        {
            throw new ArgumentException($"PUBLISH QoS {(int)qualityOfService} with packet id {packetId}: QoS 0 takes none, QoS 1 and 2 need a non-zero one", nameof(packetId));
        }

        var length = (long)StringSize(topic) + (hasId ? 2 : 0) + payload.Length;
        if (length > MaxRemainingLength)
        {
            throw new ArgumentException($"PUBLISH of {length} bytes is larger than MQTT allows ({MaxRemainingLength})", nameof(payload));
        }

        var first = (byte)(0x30 | (duplicate && hasId ? 0x08 : 0) | ((byte)qualityOfService << 1) | (retain ? 1 : 0));
        var span = Begin(writer, first, (int)length, out var total);
        var at = WriteString(span, topic);
        if (hasId)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], packetId);
            at += 2;
        }

        payload.CopyTo(span[at..]);
        writer.Advance(total);
    }

    /// <summary>Writes PUBACK, PUBREC, PUBREL (with its mandatory flags 0010), PUBCOMP or UNSUBACK.</summary>
    public static void WriteAck(IBufferWriter<byte> writer, MqttPacketType type, ushort packetId)
    {
        if (type is not (MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp or MqttPacketType.UnsubAck))
        {
            throw new ArgumentException($"{type} is not an acknowledgement packet", nameof(type));
        }

        RequireId(packetId, type);
        var first = (byte)(((byte)type << 4) | (type == MqttPacketType.PubRel ? 0x02 : 0));
        var span = Begin(writer, first, 2, out var total);
        BinaryPrimitives.WriteUInt16BigEndian(span, packetId);
        writer.Advance(total);
    }

    /// <summary>Writes SUBSCRIBE.</summary>
    public static void WriteSubscribe(IBufferWriter<byte> writer, ushort packetId, IReadOnlyList<MqttSubscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        RequireId(packetId, MqttPacketType.Subscribe);
        RequireSome(subscriptions.Count, MqttPacketType.Subscribe);
        var length = 2L;
        foreach (var subscription in subscriptions)
        {
            length += StringSize(subscription.Filter) + 1;
        }

        var span = Begin(writer, 0x82, CheckLength(length), out var total);
        BinaryPrimitives.WriteUInt16BigEndian(span, packetId);
        var at = 2;
        foreach (var subscription in subscriptions)
        {
            at += WriteString(span[at..], subscription.Filter);
            span[at++] = (byte)subscription.QualityOfService;
        }

        writer.Advance(total);
    }

    /// <summary>Writes SUBACK.</summary>
    public static void WriteSubAck(IBufferWriter<byte> writer, ushort packetId, IReadOnlyList<byte> returnCodes)
    {
        ArgumentNullException.ThrowIfNull(returnCodes);
        RequireId(packetId, MqttPacketType.SubAck);
        var span = Begin(writer, 0x90, CheckLength(2L + returnCodes.Count), out var total);
        BinaryPrimitives.WriteUInt16BigEndian(span, packetId);
        for (var i = 0; i < returnCodes.Count; i++)
        {
            span[2 + i] = returnCodes[i];
        }

        writer.Advance(total);
    }

    /// <summary>Writes UNSUBSCRIBE.</summary>
    public static void WriteUnsubscribe(IBufferWriter<byte> writer, ushort packetId, IReadOnlyList<string> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        RequireId(packetId, MqttPacketType.Unsubscribe);
        RequireSome(filters.Count, MqttPacketType.Unsubscribe);
        var length = 2L;
        foreach (var filter in filters)
        {
            length += StringSize(filter);
        }

        var span = Begin(writer, 0xA2, CheckLength(length), out var total);
        BinaryPrimitives.WriteUInt16BigEndian(span, packetId);
        var at = 2;
        foreach (var filter in filters)
        {
            at += WriteString(span[at..], filter);
        }

        writer.Advance(total);
    }

    /// <summary>Writes PINGREQ, PINGRESP or DISCONNECT.</summary>
    public static void WriteSignal(IBufferWriter<byte> writer, MqttPacketType type)
    {
        if (type is not (MqttPacketType.PingReq or MqttPacketType.PingResp or MqttPacketType.Disconnect))
        {
            throw new ArgumentException($"{type} is not PINGREQ, PINGRESP or DISCONNECT", nameof(type));
        }

        var span = Begin(writer, (byte)((byte)type << 4), 0, out var total);
        _ = span;
        writer.Advance(total);
    }

    /// <summary>Number of bytes of the variable-length integer for <paramref name="value"/>.</summary>
    internal static int VariableIntegerSize(int value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    private static Span<byte> Begin(IBufferWriter<byte> writer, byte first, int remainingLength, out int total)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var header = 1 + VariableIntegerSize(remainingLength);
        total = header + remainingLength;
        var span = writer.GetSpan(total);
        span[0] = first;
        var at = 1;
        var value = remainingLength;
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            span[at++] = value > 0 ? (byte)(digit | 0x80) : digit;
        }
        while (value > 0);

        return span.Slice(header, remainingLength);
    }

    private static int StringSize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return BinarySize(Encoding.UTF8.GetByteCount(value));
    }

    private static int BinarySize(int length) => length > ushort.MaxValue
        ? throw new ArgumentException($"a string or binary field of {length} bytes is longer than MQTT's 65,535")
        : 2 + length;

    private static int WriteString(Span<byte> span, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, span[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)written);
        return 2 + written;
    }

    private static int WriteBinary(Span<byte> span, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value.Length);
        value.CopyTo(span[2..]);
        return 2 + value.Length;
    }

    private static int CheckLength(long length) => length > MaxRemainingLength
        ? throw new ArgumentException($"packet of {length} bytes is larger than MQTT allows ({MaxRemainingLength})")
        : (int)length;

    private static void RequireId(ushort packetId, MqttPacketType type)
    {
        if (packetId == 0)
        {
            throw new ArgumentException($"{type} needs a non-zero packet id", nameof(packetId));
        }
    }

    private static void RequireSome(int count, MqttPacketType type)
    {
        if (count == 0)
        {
            throw new ArgumentException($"{type} needs at least one topic filter", nameof(count));
        }
    }
}
