namespace Rung.Mqtt.Client;

/// <summary>An outgoing QoS 1 or 2 message that the broker has not finished acknowledging.</summary>
internal sealed class InflightMessage(ushort packetId, OutgoingMessage outgoing, long sequence)
{
    public ushort PacketId { get; } = packetId;

    public MqttMessage Message => Outgoing.Message;

    public OutgoingMessage Outgoing { get; } = outgoing;

    /// <summary>Order of first sending, so redelivery after a reconnect keeps the original order.</summary>
    public long Sequence { get; } = sequence;

    public InflightState State { get; set; } = outgoing.Message.QualityOfService == MqttQualityOfService.AtLeastOnce
        ? InflightState.AwaitingPubAck
        : InflightState.AwaitingPubRec;
}
