namespace Rung.Mqtt.Tests.Infrastructure;

internal static class Messages
{
    /// <summary>Reads <paramref name="count"/> messages from the client, failing after a safety timeout.</summary>
    public static async Task<List<MqttMessage>> ReadAsync(MqttClient client, int count, int timeoutSeconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var messages = new List<MqttMessage>(count);
        while (messages.Count < count)
        {
            messages.Add(await client.Messages.ReadAsync(timeout.Token));
        }

        return messages;
    }

    public static string Text(this MqttMessage message) => System.Text.Encoding.UTF8.GetString(message.Payload.Span);

    public static string UniqueTopic(string test) => $"rung-test/{test}/{Guid.NewGuid():N}";

    public static MqttClientOptions Options(int port, string? clientId = null) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = clientId ?? $"rung-{Guid.NewGuid():N}"[..20],
        ConnectTimeout = TimeSpan.FromSeconds(5),
        Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) },
    };
}
