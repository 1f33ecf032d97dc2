namespace Rung.Mqtt;

/// <summary>MQTT delivery guarantee of a message or subscription.</summary>
public enum MqttQualityOfService : byte
{
    /// <summary>QoS 0: fire and forget; lost if the connection drops.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: acknowledged with PUBACK; may arrive more than once.</summary>
    AtLeastOnce = 1,

    /// <summary>QoS 2: four-step handshake; delivered exactly once.</summary>
    ExactlyOnce = 2,
}
