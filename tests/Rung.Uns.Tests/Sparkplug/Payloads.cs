using Google.Protobuf;
using Rung.Uns.Sparkplug.Wire;

namespace Rung.Uns.Tests.Sparkplug;

/// <summary>Builds Sparkplug payloads for tests with the generated wire types (internal, visible to tests).</summary>
internal static class Payloads
{
    public static Payload.Types.Metric Metric(string? name, ulong? alias, DataType type, Action<Payload.Types.Metric> set)
    {
        var m = new Payload.Types.Metric { Datatype = (uint)type };
        if (name is not null)
        {
            m.Name = name;
        }

        if (alias is { } a)
        {
            m.Alias = a;
        }

        set(m);
        return m;
    }

    public static byte[] Build(ulong? seq, params Payload.Types.Metric[] metrics)
    {
        var p = new Payload { Timestamp = 1_700_000_000_000 };
        if (seq is { } s)
        {
            p.Seq = s;
        }

        p.Metrics.AddRange(metrics);
        return p.ToByteArray();
    }

    public static Payload.Types.Metric BdSeq(long value) => Metric("bdSeq", null, DataType.Int64, m => m.LongValue = (ulong)value);
}
