namespace Rung.Mqtt.Packets;

/// <summary>SUBSCRIBE.</summary>
/// <param name="PacketId">Packet identifier echoed by SUBACK.</param>
/// <param name="Subscriptions">At least one filter with its requested QoS.</param>
public sealed record SubscribePacket(ushort PacketId, IReadOnlyList<MqttSubscription> Subscriptions) : MqttPacket(MqttPacketType.Subscribe);
