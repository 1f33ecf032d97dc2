namespace Rung.Uns.Sparkplug;

/// <summary>What a host knows about one edge node between its births: aliases, metric names, seq and bdSeq.</summary>
internal sealed class EdgeNodeSession(string group, string edgeNode)
{
    public string Group { get; } = group;

    public string EdgeNode { get; } = edgeNode;

    public bool Born { get; private set; }

    public long BdSeq { get; private set; }

    public int LastSeq { get; set; }

    public DateTimeOffset? RebirthRequestedAt { get; set; }

    /// <summary>Metric definitions by device ("" for the node itself), then by name.</summary>
    public Dictionary<string, Dictionary<string, MetricInfo>> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>Aliases are unique across the node and all its devices.</summary>
    public Dictionary<ulong, MetricInfo> Aliases { get; } = [];

    public void Birth(long bdSeq, int seq)
    {
        Born = true;
        BdSeq = bdSeq;
        LastSeq = seq;
        RebirthRequestedAt = null;
        Metrics.Clear();
        Aliases.Clear();
    }

    public void Death() => Born = false;

    public void ForgetDevice(string device)
    {
        if (Metrics.Remove(device, out var metrics))
        {
            foreach (var metric in metrics.Values)
            {
                if (metric.Alias is { } alias)
                {
                    Aliases.Remove(alias);
                }
            }
        }
    }

    public IEnumerable<string> Paths(string? device) =>
        Metrics.Where(d => device is null || d.Key == device)
            .SelectMany(d => d.Value.Values.Select(m => SparkplugTopic.MetricPath(Group, EdgeNode, d.Key.Length == 0 ? null : d.Key, m.Name)));
}
