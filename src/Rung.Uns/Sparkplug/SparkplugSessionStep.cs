using System.Globalization;
using Rung.Uns.Sparkplug.Wire;

namespace Rung.Uns.Sparkplug;

/// <summary>Applies one decoded message to its edge node's session; says whether a rebirth is needed instead.</summary>
internal sealed class SparkplugSessionStep(EdgeNodeSession session, SparkplugTopic topic, Payload payload, UnsMessage message)
{
    private const string BdSeqMetric = "bdSeq";

    public SparkplugStepResult Apply() => topic.Type switch
    {
        SparkplugMessageType.NodeBirth => NodeBirth(),
        SparkplugMessageType.NodeDeath => NodeDeath(),
        _ => Sequenced(),
    };

    private SparkplugStepResult NodeBirth()
    {
        if (SeqProblem() is { } seqProblem)
        {
            return NeedsRebirth($"NBIRTH {seqProblem}");
        }

        if (BdSeq() is not { } bdSeq)
        {
            return NeedsRebirth("NBIRTH has no bdSeq metric (Int64)");
        }

        session.Birth(bdSeq, (int)payload.Seq);
        if (Register("") is { } problem)
        {
            session.Death();
            return NeedsRebirth($"NBIRTH {problem}");
        }

        return Ok(Read("", payload.Metrics.Select(m => (m, session.Metrics[""][m.Name]))));
    }

    private SparkplugStepResult NodeDeath()
    {
        var bdSeq = BdSeq();
        if (!session.Born)
        {
            return Ignored("NDEATH for a node that is not online; ignored");
        }

        if (bdSeq != session.BdSeq)
        {
            var found = bdSeq?.ToString(CultureInfo.InvariantCulture) ?? "none";
            return Ignored($"NDEATH bdSeq {found} does not match the current NBIRTH's {session.BdSeq} (a will from an earlier connection); ignored");
        }

        var values = Stale(null);
        session.Death();
        return Ok(values);
    }

    private SparkplugStepResult Sequenced()
    {
        var type = TypeToken();
        if (!session.Born)
        {
            return NeedsRebirth($"{type} before the node's NBIRTH");
        }

        if (SeqProblem() is { } seqProblem)
        {
            return NeedsRebirth($"{type} {seqProblem}");
        }

        var expected = (session.LastSeq + 1) % 256;
        if ((int)payload.Seq != expected)
        {
            return NeedsRebirth($"seq gap: expected {expected}, got {payload.Seq}");
        }

        session.LastSeq = (int)payload.Seq;
        var device = topic.Device ?? "";
        switch (topic.Type)
        {
            case SparkplugMessageType.DeviceBirth:
                session.ForgetDevice(device);
                if (Register(device) is { } problem)
                {
                    session.ForgetDevice(device);
                    return NeedsRebirth($"DBIRTH {problem}");
                }

                return Ok(Read(device, payload.Metrics.Select(m => (m, session.Metrics[device][m.Name]))));
            case SparkplugMessageType.DeviceDeath:
                var stale = Stale(device);
                session.ForgetDevice(device);
                return Ok(stale);
        }

        if (!session.Metrics.TryGetValue(device, out var known))
        {
            return NeedsRebirth($"DDATA for device '{device}' before its DBIRTH");
        }

        var resolved = new List<(Payload.Types.Metric, MetricInfo)>(payload.Metrics.Count);
        foreach (var metric in payload.Metrics)
        {
            if (metric.HasAlias)
            {
                if (!session.Aliases.TryGetValue(metric.Alias, out var info) || info.Device != device)
                {
                    return NeedsRebirth($"unknown alias {metric.Alias}");
                }

                resolved.Add((metric, info));
            }
            else if (metric.HasName && known.TryGetValue(metric.Name, out var named))
            {
                resolved.Add((metric, named));
            }
            else
            {
                return NeedsRebirth(metric.HasName ? $"metric '{metric.Name}' is not in the birth" : "a metric has neither alias nor name");
            }
        }

        return Ok(Read(device, resolved));
    }

    private string? Register(string device)
    {
        var metrics = new Dictionary<string, MetricInfo>(StringComparer.Ordinal);
        for (var i = 0; i < payload.Metrics.Count; i++)
        {
            var metric = payload.Metrics[i];
            if (!metric.HasName || metric.Name.Length == 0)
            {
                return $"metric {i + 1} has no name";
            }

            ulong? alias = metric.HasAlias ? metric.Alias : null;
            var info = new MetricInfo(device, metric.Name, alias, metric.Datatype);
            if (!metrics.TryAdd(metric.Name, info))
            {
                return $"declares metric '{metric.Name}' twice";
            }

            if (alias is { } a && !session.Aliases.TryAdd(a, info))
            {
                return $"gives alias {a} to both '{session.Aliases[a].Name}' and '{metric.Name}'";
            }
        }

        session.Metrics[device] = metrics;
        return null;
    }

    private List<TagValue> Read(string device, IEnumerable<(Payload.Types.Metric Metric, MetricInfo Info)> metrics)
    {
        var payloadTime = Time(payload.HasTimestamp ? payload.Timestamp : null, message.ReceivedAt);
        var values = new List<TagValue>();
        foreach (var (metric, info) in metrics)
        {
            var (number, text) = SparkplugMetricValue.Read(metric, metric.HasDatatype && metric.Datatype != 0 ? metric.Datatype : info.DataType);
            var path = SparkplugTopic.MetricPath(session.Group, session.EdgeNode, device.Length == 0 ? null : device, info.Name);
            var at = Time(metric.HasTimestamp ? metric.Timestamp : null, payloadTime);
            values.Add(new TagValue(path, number, text, at, SparkplugMetricValue.Quality(metric)));
        }

        return values;
    }

    private List<TagValue> Stale(string? device)
    {
        var at = message.ReceivedAt;
        return session.Paths(device).Select(path => new TagValue(path, null, null, at, TagQuality.Stale)).ToList();
    }

    private long? BdSeq()
    {
        var metric = payload.Metrics.FirstOrDefault(m => m.Name == BdSeqMetric);
        return metric switch
        {
            { HasLongValue: true } => (long)metric.LongValue,
            { HasIntValue: true } => metric.IntValue,
            _ => null,
        };
    }

    private string? SeqProblem() =>
        !payload.HasSeq ? "has no seq"
        : payload.Seq > 255 ? $"seq {payload.Seq} is outside 0..255"
        : null;

    private string TypeToken() => topic.ToString().Split('/')[2];

    private static DateTimeOffset Time(ulong? ms, DateTimeOffset fallback) =>
        ms is { } value && value <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : fallback;

    private static SparkplugStepResult Ok(IReadOnlyList<TagValue> values) => new(values, null, false);

    private static SparkplugStepResult Ignored(string problem) => new([], problem, false);

    private static SparkplugStepResult NeedsRebirth(string problem) => new([], problem, true);
}
