namespace Rung.Mqtt;

/// <summary>Where an <see cref="MqttClient"/> stands with its broker.</summary>
public enum MqttConnectionState
{
    /// <summary>Not started, or stopped by DisconnectAsync/DisposeAsync.</summary>
    Stopped,

    /// <summary>Opening the socket, TLS or waiting for CONNACK.</summary>
    Connecting,

    /// <summary>CONNACK accepted; messages flow.</summary>
    Connected,

    /// <summary>The connection was lost; waiting to reconnect.</summary>
    Reconnecting,
}
