using Rung.Simulation.Disturbances;

namespace Rung.Simulation.Line;

/// <summary>The options resolved once per line: the zone and the disturbances in time order.</summary>
internal sealed class LineConditions
{
    private readonly SupplierChange[] _supplierChanges;
    private readonly ToolWearAcceleration[] _wearEpisodes;

    public LineConditions(LineSimulationOptions options)
    {
        Options = options;
        Zone = options.Shifts.TimeZone;
        _supplierChanges = [.. options.Disturbances.OfType<SupplierChange>().OrderBy(s => s.After)];
        _wearEpisodes = [.. options.Disturbances.OfType<ToolWearAcceleration>()];
    }

    public LineSimulationOptions Options { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The supplier change in force at <paramref name="at"/>, or null for the original stock.</summary>
    public SupplierChange? SupplierAt(DateTimeOffset at)
    {
        SupplierChange? current = null;
        foreach (var change in _supplierChanges)
        {
            if (change.BeginsAt(Options.Start) <= at)
            {
                current = change;
            }
        }

        return current;
    }

    /// <summary>Overlapping episodes compound.</summary>
    public double WearFactorAt(DateTimeOffset at)
    {
        var factor = 1.0;
        foreach (var episode in _wearEpisodes)
        {
            factor *= episode.FactorAt(Options.Start, at);
        }

        return factor;
    }
}
