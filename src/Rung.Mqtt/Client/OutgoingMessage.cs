namespace Rung.Mqtt.Client;

/// <summary>A message in the outgoing queue, with the waiter of <see cref="MqttClient.PublishConfirmedAsync"/> if there is one.</summary>
/// <param name="Message">The message as published.</param>
/// <param name="Confirmation">Set true when the broker acknowledged it, false when it expired first; null when nobody waits.</param>
internal sealed record OutgoingMessage(MqttMessage Message, TaskCompletionSource<bool>? Confirmation)
{
    /// <summary>True when the message has an expiry and <paramref name="now"/> is at or past it.</summary>
    public bool IsExpired(DateTimeOffset now) => Message.ExpiresAt is { } expires && now >= expires;
}
