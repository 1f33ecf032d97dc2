namespace Rung.Mqtt.Packets;

/// <summary>UNSUBSCRIBE.</summary>
/// <param name="PacketId">Packet identifier echoed by UNSUBACK.</param>
/// <param name="Filters">At least one topic filter.</param>
public sealed record UnsubscribePacket(ushort PacketId, IReadOnlyList<string> Filters) : MqttPacket(MqttPacketType.Unsubscribe);
