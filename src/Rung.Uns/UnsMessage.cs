namespace Rung.Uns;

/// <summary>One message from the namespace, as any transport (MQTT, a replay file, a test) delivers it.</summary>
/// <param name="Topic">The topic it was published on.</param>
/// <param name="Payload">The raw payload bytes.</param>
/// <param name="ReceivedAt">When it was received; the fallback time for payloads that carry none.</param>
public sealed record UnsMessage(string Topic, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt);
