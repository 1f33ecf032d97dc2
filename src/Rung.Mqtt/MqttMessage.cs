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

    /// <summary>
    /// On publish: the time on the client's clock (its <see cref="TimeProvider"/>) after which the message is no longer
    /// worth delivering, or null for never. The client does not send a queued message past it, and after a reconnect
    /// it does not send again a QoS 1 message (nor a QoS 2 message the broker has forgotten) past it, so a late
    /// message is withdrawn rather than delivered. MQTT 3.1.1 carries no expiry: a message the broker already holds is
    /// delivered whenever the broker delivers it, so a payload that must not act late should carry its own deadline.
    /// Ignored on receive.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
