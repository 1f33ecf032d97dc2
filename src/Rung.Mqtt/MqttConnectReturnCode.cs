namespace Rung.Mqtt;

/// <summary>CONNACK return codes of MQTT 3.1.1.</summary>
public enum MqttConnectReturnCode : byte
{
    /// <summary>Connection accepted.</summary>
    Accepted = 0,

    /// <summary>The broker does not support protocol level 4 (3.1.1).</summary>
    UnacceptableProtocolVersion = 1,

    /// <summary>The client identifier is not allowed.</summary>
    IdentifierRejected = 2,

    /// <summary>The MQTT service is unavailable.</summary>
    ServerUnavailable = 3,

    /// <summary>The user name or password is malformed or wrong.</summary>
    BadUserNameOrPassword = 4,

    /// <summary>The client is not authorised to connect.</summary>
    NotAuthorized = 5,
}
