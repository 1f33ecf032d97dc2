using System.Buffers;
using System.Text;
using Rung.Hardening.Tests.Fuzzing;
using Rung.Mqtt;
using Rung.Mqtt.Packets;

namespace Rung.Hardening.Tests.Parsers;

public sealed class MqttPacketFuzzTests
{
    private const int MaxPacket = 64 * 1024;

    [Fact]
    public void TryRead_MutatedAndRandomPackets_ReturnsPacketNeedsMoreOrProtocolError()
    {
        var report = FuzzRunner.Run("mqtt-packet", FuzzBudget.For(6000), Corpus(), ["\u0000", "MQTT", "#", "+", "/", "\uFFFF"], Decode, input => (4L * 1024 * 1024) + (8L * input.Length));

        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.True(report.Accepted > 0 && report.Refused > 0, report.ToString());
    }

    [Fact]
    public void TryRead_RemainingLengthOverMaximum_RefusesBeforeBuffering()
    {
        var reader = new MqttPacketReader(MaxPacket);
        var buffer = new ReadOnlySequence<byte>([0x30, 0xFF, 0xFF, 0xFF, 0x7F]);

        var error = Assert.Throws<MqttProtocolException>(() => reader.TryRead(ref buffer, out _));

        Assert.Contains("PUBLISH", error.Message, StringComparison.Ordinal);
        Assert.Contains("maximum packet size", error.Message, StringComparison.Ordinal);
    }

    private static FuzzOutcome Decode(byte[] input)
    {
        var reader = new MqttPacketReader(MaxPacket);
        var buffer = new ReadOnlySequence<byte>(input);
        var any = false;
        try
        {
            // A stream may carry several packets; read until one is incomplete.
            while (reader.TryRead(ref buffer, out var packet))
            {
                Assert.NotNull(packet);
                any = true;
            }

            return any ? FuzzOutcome.Accepted : FuzzOutcome.Refused;
        }
        catch (MqttProtocolException e)
        {
            Assert.Contains("packet", e.Message, StringComparison.Ordinal);
            return FuzzOutcome.Refused;
        }
    }

    private static List<byte[]> Corpus()
    {
        var packets = new List<byte[]>();
        void Add(Action<ArrayBufferWriter<byte>> write)
        {
            var writer = new ArrayBufferWriter<byte>();
            write(writer);
            packets.Add(writer.WrittenSpan.ToArray());
        }

        var will = new MqttLastWill("rung/line3/state", Encoding.UTF8.GetBytes("offline"), MqttQualityOfService.AtLeastOnce, Retain: true);
        Add(w => MqttPacketWriter.WriteConnect(w, new ConnectPacket("edge-1", 30, true, "mes", Encoding.UTF8.GetBytes("secret"), will)));
        Add(w => MqttPacketWriter.WriteConnAck(w, true, MqttConnectReturnCode.Accepted));
        Add(w => MqttPacketWriter.WritePublish(w, "acme/dortmund/line3/temp", Encoding.UTF8.GetBytes("{\"value\": 21.5}"), MqttQualityOfService.AtLeastOnce, false, false, 7));
        Add(w => MqttPacketWriter.WritePublish(w, "a/b", [], MqttQualityOfService.AtMostOnce, true, false, 0));
        Add(w => MqttPacketWriter.WritePublish(w, "spBv1.0/g/DDATA/n/d", new byte[300], MqttQualityOfService.ExactlyOnce, false, true, 65535));
        Add(w => MqttPacketWriter.WriteAck(w, MqttPacketType.PubAck, 7));
        Add(w => MqttPacketWriter.WriteAck(w, MqttPacketType.PubRel, 8));
        Add(w => MqttPacketWriter.WriteSubscribe(w, 3, [new MqttSubscription("acme/+/line3/#"), new MqttSubscription("spBv1.0/#", MqttQualityOfService.AtMostOnce)]));
        Add(w => MqttPacketWriter.WriteSubAck(w, 3, [0, 1, 0x80]));
        Add(w => MqttPacketWriter.WriteUnsubscribe(w, 4, ["acme/#"]));
        Add(w => MqttPacketWriter.WriteSignal(w, MqttPacketType.PingReq));
        Add(w => MqttPacketWriter.WriteSignal(w, MqttPacketType.Disconnect));
        return packets;
    }
}
