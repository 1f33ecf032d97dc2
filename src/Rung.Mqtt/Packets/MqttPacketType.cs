namespace Rung.Mqtt.Packets;

/// <summary>MQTT control packet types (the high nibble of the first byte).</summary>
public enum MqttPacketType : byte
{
    /// <summary>Client request to connect.</summary>
    Connect = 1,

    /// <summary>Connect acknowledgement.</summary>
    ConnAck = 2,

    /// <summary>Application message.</summary>
    Publish = 3,

    /// <summary>QoS 1 acknowledgement.</summary>
    PubAck = 4,

    /// <summary>QoS 2 step 1: publish received.</summary>
    PubRec = 5,

    /// <summary>QoS 2 step 2: publish release.</summary>
    PubRel = 6,

    /// <summary>QoS 2 step 3: publish complete.</summary>
    PubComp = 7,

    /// <summary>Subscribe request.</summary>
    Subscribe = 8,

    /// <summary>Subscribe acknowledgement.</summary>
    SubAck = 9,

    /// <summary>Unsubscribe request.</summary>
    Unsubscribe = 10,

    /// <summary>Unsubscribe acknowledgement.</summary>
    UnsubAck = 11,

    /// <summary>Keep-alive ping request.</summary>
    PingReq = 12,

    /// <summary>Keep-alive ping response.</summary>
    PingResp = 13,

    /// <summary>Clean client disconnect; discards the last will.</summary>
    Disconnect = 14,
}
