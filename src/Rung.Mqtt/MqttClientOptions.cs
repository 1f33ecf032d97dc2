using System.Text;
using Rung.Mqtt.Topics;

namespace Rung.Mqtt;

/// <summary>
/// Settings of an <see cref="MqttClient"/>. Defaults suit a plant broker on the local network;
/// <see cref="Validate"/> runs when the client is created and names the first bad setting.
/// </summary>
public sealed record MqttClientOptions
{
    /// <summary>Broker host name or address. Required.</summary>
    public string Host { get; init; } = "";

    /// <summary>Broker TCP port. Default 1883.</summary>
    public int Port { get; init; } = 1883;

    /// <summary>Client identifier (1 to 23 letters and digits is accepted by every broker). Required for a persistent session.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>User name; null sends none.</summary>
    public string? UserName { get; init; }

    /// <summary>Password (UTF-8); needs <see cref="UserName"/>.</summary>
    public string? Password { get; init; }

    /// <summary>TLS settings; null connects in plain TCP.</summary>
    public MqttTlsOptions? Tls { get; init; }

    /// <summary>Keep-alive interval; zero turns pings off. Default 30 s, at most 65,535 s.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a PINGRESP before the connection is taken as dead. Default 10 s.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for TCP, TLS and CONNACK together. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// True (default) starts each connection with no session. False keeps the broker's session
    /// (subscriptions and queued QoS 1/2 messages) across disconnects under the same <see cref="ClientId"/>.
    /// </summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>Last will; null registers none.</summary>
    public MqttLastWill? Will { get; init; }

    /// <summary>Largest packet accepted from the broker, header included; a larger one drops the connection. Default 1 MiB.</summary>
    public int MaximumPacketSize { get; init; } = 1024 * 1024;

    /// <summary>Messages waiting to be sent; <see cref="MqttClient.PublishAsync(MqttMessage, CancellationToken)"/> waits while it is full. Default 10,000.</summary>
    public int OutgoingQueueCapacity { get; init; } = 10_000;

    /// <summary>
    /// QoS 1 and 2 messages sent but not yet acknowledged; sending pauses while it is full. Default 20, Mosquitto's
    /// max_inflight_messages: past it Mosquitto drops incoming QoS 2 messages (PUBREC with reason 0x97, quota exceeded).
    /// </summary>
    public int MaximumInflight { get; init; } = 20;

    /// <summary>Received messages buffered for the reader of <see cref="MqttClient.Messages"/>; reading from the broker pauses while it is full. Default 10,000.</summary>
    public int ReceiveQueueCapacity { get; init; } = 10_000;

    /// <summary>Backoff between reconnect attempts.</summary>
    public MqttReconnectPolicy Reconnect { get; init; } = new();

    /// <summary>Options for a broker URL (mqtt://host:port or mqtts://host:port).</summary>
    /// <exception cref="FormatException">The URL is not valid.</exception>
    public static MqttClientOptions FromUrl(string url, string clientId)
    {
        var address = MqttBrokerAddress.Parse(url);
        return new MqttClientOptions
        {
            Host = address.Host,
            Port = address.Port,
            ClientId = clientId,
            Tls = address.UseTls ? new MqttTlsOptions() : null,
        };
    }

    /// <summary>Throws naming the first setting that is out of range.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Host), "Host is required");
        Require(Port is >= 1 and <= 65535, $"Port must be 1 to 65535, not {Port}");
        Require(Encoding.UTF8.GetByteCount(ClientId ?? "") <= ushort.MaxValue, "ClientId is longer than 65,535 bytes");
        Require(CleanSession || !string.IsNullOrEmpty(ClientId), "a persistent session (CleanSession = false) needs a ClientId");
        Require(Password is null || UserName is not null, "MQTT 3.1.1 sends a Password only with a UserName");
        Require(KeepAlive >= TimeSpan.Zero && KeepAlive.TotalSeconds <= ushort.MaxValue, $"KeepAlive must be 0 to 65,535 s, not {KeepAlive}");
        Require(PingTimeout > TimeSpan.Zero, $"PingTimeout must be positive, not {PingTimeout}");
        Require(ConnectTimeout > TimeSpan.Zero, $"ConnectTimeout must be positive, not {ConnectTimeout}");
        Require(MaximumPacketSize is >= 16, $"MaximumPacketSize must be at least 16 bytes, not {MaximumPacketSize}");
        Require(OutgoingQueueCapacity >= 1, $"OutgoingQueueCapacity must be at least 1, not {OutgoingQueueCapacity}");
        Require(MaximumInflight is >= 1 and <= 65_000, $"MaximumInflight must be 1 to 65,000, not {MaximumInflight}");
        Require(ReceiveQueueCapacity >= 1, $"ReceiveQueueCapacity must be at least 1, not {ReceiveQueueCapacity}");
        ArgumentNullException.ThrowIfNull(Reconnect);
        Reconnect.Validate();
        if (Will is not null)
        {
            Require(TopicFilter.IsValidTopicName(Will.Topic, out var error), $"Will topic: {error}");
            Require(Will.Payload.Length <= ushort.MaxValue, "Will payload is longer than 65,535 bytes");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"MQTT client options: {message}");
        }
    }
}
