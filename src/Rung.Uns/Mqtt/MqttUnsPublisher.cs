using Rung.Mqtt;

namespace Rung.Uns.Mqtt;

/// <summary>Sends namespace messages (Sparkplug rebirth requests, Rung's own state) through an <see cref="MqttClient"/>.</summary>
/// <param name="client">The connected client; it stays owned by the caller.</param>
public sealed class MqttUnsPublisher(MqttClient client) : IUnsPublisher
{
    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qos"/> is not 0, 1 or 2.</exception>
    public ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(qos, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, 2);
        return client.PublishAsync(topic, payload, (MqttQualityOfService)qos, retain, ct);
    }
}
