namespace Rung.Uns;

/// <summary>Sends a message into the namespace; the MQTT client implements it, tests record what was sent.</summary>
public interface IUnsPublisher
{
    /// <summary>Publishes <paramref name="payload"/> on <paramref name="topic"/>.</summary>
    /// <param name="topic">The topic, without wildcards.</param>
    /// <param name="payload">The payload bytes.</param>
    /// <param name="qos">MQTT quality of service, 0 to 2.</param>
    /// <param name="retain">Whether the broker keeps it for later subscribers.</param>
    /// <param name="ct">Cancels the send.</param>
    ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken ct);
}
