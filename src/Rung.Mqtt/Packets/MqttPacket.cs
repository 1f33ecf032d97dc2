namespace Rung.Mqtt.Packets;

/// <summary>One decoded MQTT 3.1.1 control packet. See <see cref="MqttPacketReader"/> and <see cref="MqttPacketWriter"/>.</summary>
/// <param name="Type">The packet type.</param>
public abstract record MqttPacket(MqttPacketType Type);
