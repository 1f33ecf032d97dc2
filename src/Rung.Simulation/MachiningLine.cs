using Rung.Simulation.Line;
using Rung.Simulation.Parts;

namespace Rung.Simulation;

/// <summary>
/// A simulated CNC machining line. Immutable and thread-safe: production is a pure function of
/// the options and the requested range. Each working day is simulated from its own random
/// stream (seeded by the options' seed and the local date) and starts with a fresh tool, so
/// producing [a, b) then [b, c) yields exactly the parts of [a, c), in any order of calls.
/// </summary>
public sealed class MachiningLine
{
    private readonly LineConditions _conditions;

    /// <summary>Builds a line.</summary>
    /// <param name="options">The line's options; validated here.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public MachiningLine(LineSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _conditions = new LineConditions(options);
    }

    /// <summary>The options the line was built with.</summary>
    public LineSimulationOptions Options { get; }

    /// <summary>
    /// The parts produced with <paramref name="from"/> &lt;= ProducedAt &lt; <paramref name="to"/>, in
    /// production order. Lazy: days are simulated as the sequence is read.
    /// </summary>
    /// <param name="from">Inclusive start.</param>
    /// <param name="to">Exclusive end; not before <paramref name="from"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public IEnumerable<SimulatedPart> Produce(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range end {to:O} is before its start {from:O}.", nameof(to));
        }

        return ProduceCore(from, to);
    }

    /// <summary>Every part of one local production date, in order; empty on a day off.</summary>
    /// <param name="localDate">The date in the site's time zone.</param>
    public IReadOnlyList<SimulatedPart> ProduceDay(DateOnly localDate) =>
        new ProductionDay(_conditions, localDate).Run();

    private IEnumerable<SimulatedPart> ProduceCore(DateTimeOffset from, DateTimeOffset to)
    {
        var first = ShiftWindows.LocalDate(Options.Shifts, from);
        var last = ShiftWindows.LocalDate(Options.Shifts, to);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            foreach (var part in ProduceDay(date))
            {
                if (part.ProducedAt >= from && part.ProducedAt < to)
                {
                    yield return part;
                }
            }
        }
    }
}
