namespace Rung.UseCases.Yaml;

/// <summary>A mapping with scalar keys, in document order; duplicate keys were already reported and dropped.</summary>
internal sealed class YMapping(Position start, IReadOnlyList<KeyValuePair<YScalar, YNode>> entries) : YNode(start)
{
    private readonly Dictionary<string, KeyValuePair<YScalar, YNode>> byKey =
        entries.ToDictionary(e => e.Key.Value, StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries { get; } = entries;

    public override long Size { get; } = SaturatingSum(entries.SelectMany(e => new[] { e.Key.Size, e.Value.Size }));

    public override int Height { get; } = 1 + (entries.Count == 0 ? 0 : entries.Max(e => e.Value.Height));

    public bool TryGet(string key, out KeyValuePair<YScalar, YNode> entry) => byKey.TryGetValue(key, out entry);

    public override string Describe() => "a mapping";

    /// <summary>1 plus the sizes, saturating: alias bombs reach sizes far beyond <see cref="long"/>.</summary>
    internal static long SaturatingSum(IEnumerable<long> sizes)
    {
        long total = 1;
        foreach (var size in sizes)
        {
            total = size > long.MaxValue - total ? long.MaxValue : total + size;
        }

        return total;
    }
}
