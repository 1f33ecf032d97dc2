namespace Rung.Mqtt.Client;

/// <summary>An outgoing QoS 1 or 2 message that the broker has not finished acknowledging.</summary>
internal sealed class InflightMessage(ushort packetId, MqttMessage message, long sequence)
{
    public ushort PacketId { get; } = packetId;

    public MqttMessage Message { get; } = message;

    /// <summary>Order of first sending, so redelivery after a reconnect keeps the original order.</summary>
    public long Sequence { get; } = sequence;

    public InflightState State { get; set; } = message.QualityOfService == MqttQualityOfService.AtLeastOnce
        ? InflightState.AwaitingPubAck
        : InflightState.AwaitingPubRec;
}
