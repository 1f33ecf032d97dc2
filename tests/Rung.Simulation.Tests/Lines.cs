using Rung.Simulation.Parts;

namespace Rung.Simulation.Tests;

/// <summary>Shared line set-ups and ranges of simulated days.</summary>
internal static class Lines
{
    public static MachiningLine Default(long seed = 42) => new(new LineSimulationOptions { Seed = seed });

    public static List<SimulatedPart> Days(MachiningLine line, int fromDay, int toDay) =>
        [.. line.Produce(line.Options.Start.AddDays(fromDay), line.Options.Start.AddDays(toDay))];

    public static double Rate(IReadOnlyCollection<SimulatedPart> parts, Func<SimulatedPart, bool> predicate) =>
        parts.Count(predicate) / (double)parts.Count;
}
