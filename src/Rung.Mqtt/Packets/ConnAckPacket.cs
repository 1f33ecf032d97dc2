namespace Rung.Mqtt.Packets;

/// <summary>CONNACK.</summary>
/// <param name="SessionPresent">The broker resumed a stored session.</param>
/// <param name="ReturnCode">Accepted or the reason for refusal.</param>
public sealed record ConnAckPacket(bool SessionPresent, MqttConnectReturnCode ReturnCode) : MqttPacket(MqttPacketType.ConnAck);
