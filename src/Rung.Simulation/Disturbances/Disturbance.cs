namespace Rung.Simulation.Disturbances;

/// <summary>Something that happens to the line at a time relative to <see cref="LineSimulationOptions.Start"/>.</summary>
/// <param name="After">When it begins, counted from the simulation start; may be negative.</param>
public abstract record Disturbance(TimeSpan After)
{
    /// <summary>The absolute time it begins for a given start.</summary>
    /// <param name="start">The simulation start.</param>
    public DateTimeOffset BeginsAt(DateTimeOffset start) => start + After;
}
