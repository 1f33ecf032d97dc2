namespace Rung.Uns.Sparkplug;

/// <summary>The message types of the Sparkplug B topic namespace.</summary>
public enum SparkplugMessageType
{
    /// <summary>NBIRTH: an edge node came online and declares its metrics.</summary>
    NodeBirth,

    /// <summary>NDEATH: an edge node went offline (usually its MQTT will).</summary>
    NodeDeath,

    /// <summary>DBIRTH: a device behind an edge node declares its metrics.</summary>
    DeviceBirth,

    /// <summary>DDEATH: a device went offline.</summary>
    DeviceDeath,

    /// <summary>NDATA: changed edge-node metrics.</summary>
    NodeData,

    /// <summary>DDATA: changed device metrics.</summary>
    DeviceData,

    /// <summary>NCMD: a command to an edge node.</summary>
    NodeCommand,

    /// <summary>DCMD: a command to a device.</summary>
    DeviceCommand,

    /// <summary>STATE: a host application's online state.</summary>
    State,
}
