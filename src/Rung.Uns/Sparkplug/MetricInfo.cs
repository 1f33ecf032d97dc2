namespace Rung.Uns.Sparkplug;

/// <summary>A metric as its birth declared it.</summary>
/// <param name="Device">The device ("" for the node itself).</param>
/// <param name="Name">The metric name.</param>
/// <param name="Alias">The alias, when the birth gave one.</param>
/// <param name="DataType">The Sparkplug datatype.</param>
internal sealed record MetricInfo(string Device, string Name, ulong? Alias, uint DataType);
