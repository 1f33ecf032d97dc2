namespace Rung.Mqtt.Packets;

/// <summary>CONNECT: protocol level 4 (MQTT 3.1.1).</summary>
/// <param name="ClientId">Client identifier; empty only with a clean session.</param>
/// <param name="KeepAliveSeconds">Keep-alive interval; 0 turns it off.</param>
/// <param name="CleanSession">Discard any previous session state.</param>
/// <param name="UserName">Optional user name.</param>
/// <param name="Password">Optional password; requires a user name.</param>
/// <param name="Will">Optional last will.</param>
public sealed record ConnectPacket(
    string ClientId,
    ushort KeepAliveSeconds,
    bool CleanSession,
    string? UserName = null,
    ReadOnlyMemory<byte>? Password = null,
    MqttLastWill? Will = null) : MqttPacket(MqttPacketType.Connect);
