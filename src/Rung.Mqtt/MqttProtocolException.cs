namespace Rung.Mqtt;

/// <summary>
/// The peer sent bytes that are not valid MQTT 3.1.1 (or a packet larger than allowed). The message
/// names the packet type and what was wrong. The connection that produced it is closed.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MqttProtocolException()
        : this("malformed MQTT packet")
    {
    }

    /// <summary>Creates the exception with a message naming the packet and the fault.</summary>
    public MqttProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public MqttProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
