namespace Rung.Simulation.Parts;

/// <summary>One machined part as the line's sensors saw it, with the truth about it.</summary>
/// <param name="PartId">Stable id: line, local production date and sequence, for example <c>L3-20260105-0001</c>.</param>
/// <param name="ProducedAt">When the part left the machine (UTC).</param>
/// <param name="Sensors">Readings keyed by <see cref="SensorNames"/>; a faulty key may be absent, NaN, stuck or out of range.</param>
/// <param name="TrueAction">What should be done with the part: one of <see cref="PartActions"/>. Known to the QC lab only.</param>
/// <param name="SensorFault">The injected data-quality problem, or null when every reading is healthy.</param>
public sealed record SimulatedPart(
    string PartId,
    DateTimeOffset ProducedAt,
    IReadOnlyDictionary<string, double> Sensors,
    string TrueAction,
    SensorFault? SensorFault);
