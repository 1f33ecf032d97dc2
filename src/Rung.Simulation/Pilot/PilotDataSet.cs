using Rung.Simulation.Line;

namespace Rung.Simulation.Pilot;

/// <summary>
/// The historical data a plant's data scientist trained the pilot model on: the most recent
/// parts before the simulation start, under the original bar stock and with no disturbances.
/// </summary>
public static class PilotDataSet
{
    /// <summary>The largest data set <see cref="Generate"/> makes.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>
    /// The <paramref name="count"/> most recent healthy parts produced before
    /// <paramref name="options"/>' start, oldest first. Parts with a sensor fault are left out.
    /// Deterministic in (seed, count, options).
    /// </summary>
    /// <param name="seed">Seed of the history; use a different one from the live line's to keep the two independent.</param>
    /// <param name="count">How many rows, 1 to <see cref="MaxCount"/>.</param>
    /// <param name="options">The line's physics and calendar; default <see cref="LineSimulationOptions"/>'s defaults. Its seed and disturbances are ignored.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public static IReadOnlyList<PilotRow> Generate(long seed, int count, LineSimulationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var history = (options ?? new LineSimulationOptions()) with { Seed = seed, Disturbances = [] };
        var line = new MachiningLine(history);

        var days = new List<IReadOnlyList<PilotRow>>();
        var collected = 0;
        var date = ShiftWindows.LocalDate(history.Shifts, history.Start).AddDays(-1);
        for (var daysBack = 0; collected < count; daysBack++, date = date.AddDays(-1))
        {
            if (daysBack > 3660)
            {
                throw new InvalidOperationException("Ten years of history did not yield enough parts; check the shift calendar.");
            }

            var rows = line.ProduceDay(date)
                .Where(p => p.SensorFault is null)
                .Select(p => new PilotRow(p.PartId, p.ProducedAt, p.Sensors, p.TrueAction))
                .ToList();
            days.Add(rows);
            collected += rows.Count;
        }

        days.Reverse();
        return days.SelectMany(d => d).Skip(collected - count).ToList().AsReadOnly();
    }
}
