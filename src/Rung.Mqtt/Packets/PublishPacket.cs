namespace Rung.Mqtt.Packets;

/// <summary>PUBLISH. The DUP flag is <see cref="MqttMessage.Duplicate"/>.</summary>
/// <param name="Message">Topic, payload, QoS and retain flag.</param>
/// <param name="PacketId">Packet identifier; 0 for QoS 0.</param>
public sealed record PublishPacket(MqttMessage Message, ushort PacketId) : MqttPacket(MqttPacketType.Publish);
