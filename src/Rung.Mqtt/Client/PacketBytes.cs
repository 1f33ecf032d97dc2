using System.Buffers;
using Rung.Mqtt.Packets;

namespace Rung.Mqtt.Client;

/// <summary>Encoded forms of packets sent outside the batching loops.</summary>
internal static class PacketBytes
{
    public static ReadOnlyMemory<byte> Disconnect { get; } = new byte[] { 0xE0, 0x00 };

    public static ReadOnlyMemory<byte> PingReq { get; } = new byte[] { 0xC0, 0x00 };

    public static ReadOnlyMemory<byte> Encode(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        MqttPacketWriter.Write(buffer, packet);
        return buffer.WrittenMemory;
    }
}
