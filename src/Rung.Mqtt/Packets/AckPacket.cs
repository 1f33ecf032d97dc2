namespace Rung.Mqtt.Packets;

/// <summary>PUBACK, PUBREC, PUBREL, PUBCOMP or UNSUBACK: a packet that carries only a packet identifier.</summary>
/// <param name="Type">One of the five acknowledgement types.</param>
/// <param name="PacketId">The identifier being acknowledged.</param>
public sealed record AckPacket(MqttPacketType Type, ushort PacketId) : MqttPacket(Type);
