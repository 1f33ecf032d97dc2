namespace Rung.Mqtt;

/// <summary>A connection attempt failed: refused by the broker (see <see cref="ReturnCode"/>), timed out, or the network failed.</summary>
public sealed class MqttConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttConnectException()
        : this("MQTT connection failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttConnectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MqttConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a CONNACK that refused the connection.</summary>
    public MqttConnectException(MqttConnectReturnCode returnCode)
        : base($"broker refused the connection: CONNACK return code {(byte)returnCode} ({returnCode})")
    {
        ReturnCode = returnCode;
    }

    /// <summary>The broker's refusal code, or null when the failure was not a refusal.</summary>
    public MqttConnectReturnCode? ReturnCode { get; }
}
