namespace Rung.Mqtt;

/// <summary>
/// One application message, as published or as received. The payload is owned by the message:
/// a received payload is a private copy, safe to keep after the handler returns.
/// </summary>
/// <param name="Topic">Topic name; no wildcards.</param>
/// <param name="Payload">Message bytes; may be empty.</param>
/// <param name="QualityOfService">Delivery guarantee.</param>
/// <param name="Retain">On publish: the broker keeps it as the topic's retained message. On receive: it is a retained message sent because of a new subscription.</param>
public sealed record MqttMessage(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    MqttQualityOfService QualityOfService = MqttQualityOfService.AtMostOnce,
    bool Retain = false)
{
    /// <summary>On receive: the broker marked it as a possible redelivery (DUP flag).</summary>
    public bool Duplicate { get; init; }
}
