namespace Rung.Mqtt.Packets;

/// <summary>SUBACK.</summary>
/// <param name="PacketId">Identifier of the SUBSCRIBE it answers.</param>
/// <param name="ReturnCodes">Per filter: granted QoS 0, 1 or 2, or 0x80 for failure.</param>
public sealed record SubAckPacket(ushort PacketId, IReadOnlyList<byte> ReturnCodes) : MqttPacket(MqttPacketType.SubAck)
{
    /// <summary>The SUBACK return code meaning the subscription was refused.</summary>
    public const byte Failure = 0x80;
}
