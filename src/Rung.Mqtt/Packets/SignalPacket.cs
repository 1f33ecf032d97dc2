namespace Rung.Mqtt.Packets;

/// <summary>PINGREQ, PINGRESP or DISCONNECT: packets with no content. Use the shared instances.</summary>
public sealed record SignalPacket : MqttPacket
{
    private SignalPacket(MqttPacketType type)
        : base(type)
    {
    }

    /// <summary>PINGREQ.</summary>
    public static SignalPacket PingReq { get; } = new(MqttPacketType.PingReq);

    /// <summary>PINGRESP.</summary>
    public static SignalPacket PingResp { get; } = new(MqttPacketType.PingResp);

    /// <summary>DISCONNECT.</summary>
    public static SignalPacket Disconnect { get; } = new(MqttPacketType.Disconnect);
}
