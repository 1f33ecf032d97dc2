namespace Rung.Mqtt;

/// <summary>
/// The message the broker publishes for the client when its connection ends without a DISCONNECT
/// (socket closed, keep-alive expired, protocol error).
/// </summary>
/// <param name="Topic">Topic name; no wildcards.</param>
/// <param name="Payload">Message bytes (at most 65,535).</param>
/// <param name="QualityOfService">QoS the broker publishes it with.</param>
/// <param name="Retain">Whether the broker retains it.</param>
public sealed record MqttLastWill(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    MqttQualityOfService QualityOfService = MqttQualityOfService.AtLeastOnce,
    bool Retain = false);
