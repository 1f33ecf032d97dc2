namespace Rung.Simulation.Pilot;

/// <summary>One labelled historical part for training the pilot model.</summary>
/// <param name="PartId">The part's id.</param>
/// <param name="ProducedAt">When it was produced (UTC), before the simulation start.</param>
/// <param name="Sensors">Every sensor, healthy (faulty parts are left out of the pilot set).</param>
/// <param name="TrueAction">The QC lab's verdict: one of <see cref="Parts.PartActions"/>.</param>
public sealed record PilotRow(
    string PartId,
    DateTimeOffset ProducedAt,
    IReadOnlyDictionary<string, double> Sensors,
    string TrueAction);
