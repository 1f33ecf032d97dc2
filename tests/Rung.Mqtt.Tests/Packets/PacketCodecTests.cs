using System.Buffers;
using Rung.Mqtt.Packets;

namespace Rung.Mqtt.Tests.Packets;

public sealed class PacketCodecTests
{
    public static TheoryData<MqttPacket> Packets => new()
    {
        new ConnectPacket("line-4", 30, CleanSession: false, "operator", "secret"u8.ToArray(), new MqttLastWill("plant/line4/state", "offline"u8.ToArray(), MqttQualityOfService.AtLeastOnce, Retain: true)),
        new ConnectPacket("", 0, CleanSession: true),
        new ConnAckPacket(SessionPresent: true, MqttConnectReturnCode.Accepted),
        new ConnAckPacket(SessionPresent: false, MqttConnectReturnCode.NotAuthorized),
        new PublishPacket(new MqttMessage("a/b", "x"u8.ToArray(), MqttQualityOfService.ExactlyOnce, Retain: true) { Duplicate = true }, 7),
        new AckPacket(MqttPacketType.PubRel, 65535),
        new AckPacket(MqttPacketType.UnsubAck, 1),
        new SubscribePacket(3, [new MqttSubscription("a/+/c", MqttQualityOfService.ExactlyOnce), new MqttSubscription("#", MqttQualityOfService.AtMostOnce)]),
        new SubAckPacket(3, [0, 1, 2, 0x80]),
        new UnsubscribePacket(4, ["a/#", "b"]),
        SignalPacket.PingReq,
        SignalPacket.Disconnect,
    };

    [Theory]
    [MemberData(nameof(Packets))]
    public void WriteThenRead_AnyPacket_GivesTheSamePacketBack(MqttPacket packet)
    {
        var bytes = Encode(packet);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(new MqttPacketReader().TryRead(ref buffer, out var read));
        Assert.True(buffer.IsEmpty);
        Assert.Equal(Describe(packet), Describe(read));
    }

    [Theory]
    [MemberData(nameof(Packets))]
    public void TryRead_EveryTruncation_AsksForMoreBytesAndConsumesNothing(MqttPacket packet)
    {
        var bytes = Encode(packet);
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.False(new MqttPacketReader().TryRead(ref buffer, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void TryRead_PacketSplitOverSegments_IsDecoded()
    {
        var bytes = Encode(new PublishPacket(new MqttMessage("plant/line4/temp", new byte[300], MqttQualityOfService.AtLeastOnce), 9));
        var first = new Segment(bytes.AsMemory(0, 5));
        var last = first.Append(bytes.AsMemory(5));
        var buffer = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        Assert.True(new MqttPacketReader().TryRead(ref buffer, out var packet));
        Assert.Equal(300, ((PublishPacket)packet).Message.Payload.Length);
    }

    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x80, 0x01 })]
    [InlineData(321, new byte[] { 0xC1, 0x02 })]
    [InlineData(16_383, new byte[] { 0xFF, 0x7F })]
    [InlineData(16_384, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(2_097_152, new byte[] { 0x80, 0x80, 0x80, 0x01 })]
    public void WritePublish_RemainingLength_UsesTheSpecifiedEncoding(int remainingLength, byte[] expected)
    {
        // Topic "t" costs 3 bytes; the payload makes up the rest.
        var payload = new byte[Math.Max(0, remainingLength - 3)];
        var writer = new ArrayBufferWriter<byte>();
        MqttPacketWriter.WritePublish(writer, "t", payload, MqttQualityOfService.AtMostOnce, false, false, 0);
        if (remainingLength >= 3)
        {
            Assert.Equal(expected, writer.WrittenSpan.Slice(1, expected.Length).ToArray());
        }
        else
        {
            Assert.Equal(3, writer.WrittenSpan[1]);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00 }, "reserved packet type 0")]
    [InlineData(new byte[] { 0xF0, 0x00 }, "reserved packet type 15")]
    [InlineData(new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "more than 4 bytes")]
    [InlineData(new byte[] { 0x36, 0x03, 0x00, 0x01, 0x61 }, "malformed PUBLISH packet: QoS bits are 3")]
    [InlineData(new byte[] { 0x38, 0x03, 0x00, 0x01, 0x61 }, "DUP flag set on a QoS 0")]
    [InlineData(new byte[] { 0x30, 0x03, 0x00, 0x01, 0x2B }, "wildcard")]
    [InlineData(new byte[] { 0x30, 0x04, 0x00, 0x02, 0xC3, 0x28 }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x30, 0x03, 0x00, 0x01, 0x00 }, "U+0000")]
    [InlineData(new byte[] { 0x30, 0x02, 0x00, 0x05 }, "topic name needs 5 byte(s)")]
    [InlineData(new byte[] { 0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00 }, "packet identifier is 0")]
    [InlineData(new byte[] { 0x40, 0x03, 0x00, 0x01, 0x00 }, "malformed PUBACK packet: 1 unexpected byte")]
    [InlineData(new byte[] { 0x60, 0x02, 0x00, 0x01 }, "malformed PUBREL packet: fixed-header flags are 0x0 but must be 0x2")]
    [InlineData(new byte[] { 0x20, 0x02, 0x00, 0x06 }, "return code 6")]
    [InlineData(new byte[] { 0x20, 0x02, 0x02, 0x00 }, "reserved acknowledge flag")]
    [InlineData(new byte[] { 0x20, 0x01, 0x00 }, "return code needs 1 byte")]
    [InlineData(new byte[] { 0x90, 0x03, 0x00, 0x01, 0x03 }, "SUBACK packet: return code 0x03")]
    [InlineData(new byte[] { 0x90, 0x02, 0x00, 0x01 }, "no return code")]
    [InlineData(new byte[] { 0x82, 0x02, 0x00, 0x01 }, "SUBSCRIBE packet: no topic filter")]
    [InlineData(new byte[] { 0x82, 0x07, 0x00, 0x01, 0x00, 0x02, 0x61, 0x23, 0x00 }, "'#' must be the whole last level")]
    [InlineData(new byte[] { 0xD0, 0x01, 0x00 }, "PINGRESP packet: 1 unexpected byte")]
    [InlineData(new byte[] { 0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x00, 0x00, 0x00 }, "level 5 is not MQTT 3.1.1")]
    [InlineData(new byte[] { 0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x03, 0x00, 0x00, 0x00, 0x00 }, "reserved connect flag")]
    [InlineData(new byte[] { 0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x40, 0x00, 0x00, 0x00, 0x00 }, "password flag set without user name")]
    public void TryRead_MalformedPacket_ThrowsProtocolExceptionNamingTheFault(byte[] bytes, string fault)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var error = Assert.Throws<MqttProtocolException>(() => new MqttPacketReader().TryRead(ref buffer, out _));
        Assert.Contains(fault, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_PacketOverMaximumSize_IsRefusedFromItsHeaderAlone()
    {
        // Only the fixed header of a 2 MB PUBLISH has arrived: the reader must not wait for the rest.
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x30, 0x80, 0x80, 0x80, 0x01 });
        var error = Assert.Throws<MqttProtocolException>(() => new MqttPacketReader(maximumPacketSize: 1024).TryRead(ref buffer, out _));
        Assert.Contains("PUBLISH packet of 2097157 bytes exceeds the maximum packet size of 1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_RandomBytes_EitherDecodesWaitsOrThrowsProtocolExceptionOnly()
    {
        var random = new Random(20_260_105);
        var outcomes = new int[3];
        for (var round = 0; round < 20_000; round++)
        {
            var bytes = new byte[random.Next(1, 40)];
            random.NextBytes(bytes);

            // Half the rounds start with a plausible header so that body parsing is reached, not only type checks.
            if (round % 2 == 0)
            {
                bytes[0] = (byte)((random.Next(1, 15) << 4) | random.Next(0, 16));
                if (bytes.Length > 1)
                {
                    bytes[1] = (byte)random.Next(0, bytes.Length - 1);
                }
            }

            var buffer = new ReadOnlySequence<byte>(bytes);
            try
            {
                outcomes[new MqttPacketReader(4096).TryRead(ref buffer, out _) ? 0 : 1]++;
            }
            catch (MqttProtocolException error)
            {
                Assert.True(error.Message.StartsWith("malformed", StringComparison.Ordinal) || error.Message.Contains("exceeds the maximum packet size", StringComparison.Ordinal), error.Message);
                outcomes[2]++;
            }
        }

        Assert.All(outcomes, count => Assert.True(count > 10, $"outcomes decoded/incomplete/malformed: {string.Join('/', outcomes)}"));
    }

    [Fact]
    public void WritePublish_PacketIdMismatchingQos_Throws()
    {
        var writer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => MqttPacketWriter.WritePublish(writer, "a", [], MqttQualityOfService.AtLeastOnce, false, false, 0));
        Assert.Throws<ArgumentException>(() => MqttPacketWriter.WritePublish(writer, "a", [], MqttQualityOfService.AtMostOnce, false, false, 5));
    }

    [Fact]
    public void WriteAck_PubRel_CarriesTheMandatoryFlags()
    {
        var writer = new ArrayBufferWriter<byte>();
        MqttPacketWriter.WriteAck(writer, MqttPacketType.PubRel, 0x0102);
        Assert.Equal(new byte[] { 0x62, 0x02, 0x01, 0x02 }, writer.WrittenSpan.ToArray());
    }

    private static byte[] Encode(MqttPacket packet)
    {
        var writer = new ArrayBufferWriter<byte>();
        MqttPacketWriter.Write(writer, packet);
        return writer.WrittenSpan.ToArray();
    }

    // Records holding memory and lists compare by reference; compare their contents instead.
    private static string Describe(MqttPacket packet) => packet switch
    {
        ConnectPacket c => $"CONNECT {c.ClientId} {c.KeepAliveSeconds} {c.CleanSession} {c.UserName} {Hex(c.Password)} {c.Will?.Topic} {Hex(c.Will?.Payload)} {c.Will?.QualityOfService} {c.Will?.Retain}",
        PublishPacket p => $"PUBLISH {p.Message.Topic} {Hex(p.Message.Payload)} {p.Message.QualityOfService} {p.Message.Retain} {p.Message.Duplicate} {p.PacketId}",
        SubscribePacket s => $"SUBSCRIBE {s.PacketId} {string.Join(',', s.Subscriptions)}",
        SubAckPacket s => $"SUBACK {s.PacketId} {string.Join(',', s.ReturnCodes)}",
        UnsubscribePacket u => $"UNSUBSCRIBE {u.PacketId} {string.Join(',', u.Filters)}",
        _ => packet.ToString(),
    };

    private static string Hex(ReadOnlyMemory<byte>? bytes) => bytes is { } b ? Convert.ToHexString(b.Span) : "-";

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
