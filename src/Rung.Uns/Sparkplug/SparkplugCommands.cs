using Google.Protobuf;
using Rung.Uns.Sparkplug.Wire;

namespace Rung.Uns.Sparkplug;

/// <summary>Builds the commands a host application sends to edge nodes.</summary>
public static class SparkplugCommands
{
    /// <summary>The metric name of the rebirth command.</summary>
    public const string RebirthMetric = "Node Control/Rebirth";

    /// <summary>
    /// The NCMD payload asking an edge node to publish its births again: payload timestamp, one Boolean metric
    /// <c>Node Control/Rebirth = true</c> with its own timestamp, no alias (the specification forbids one here)
    /// and no seq (commands carry none).
    /// </summary>
    public static byte[] Rebirth(DateTimeOffset at)
    {
        var ms = (ulong)at.ToUnixTimeMilliseconds();
        var payload = new Payload { Timestamp = ms };
        payload.Metrics.Add(new Payload.Types.Metric
        {
            Name = RebirthMetric,
            Timestamp = ms,
            Datatype = (uint)DataType.Boolean,
            BooleanValue = true,
        });
        return payload.ToByteArray();
    }
}
