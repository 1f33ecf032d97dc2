namespace Rung.Simulation.Disturbances;

/// <summary>
/// An episode in which tools wear faster than their minutes of cut suggest (a coolant
/// concentration drift, say). The wear rate ramps up linearly to <paramref name="PeakFactor"/>
/// at the middle of the episode and back down to normal at its end. The tool_wear sensor
/// still counts minutes, so vibration, torque and scrap rise earlier in a tool's life.
/// </summary>
/// <param name="After">When the episode begins, counted from the simulation start.</param>
/// <param name="Duration">How long it lasts; positive.</param>
/// <param name="PeakFactor">Wear per minute of cut at the peak, relative to normal; at least 1.</param>
public sealed record ToolWearAcceleration(TimeSpan After, TimeSpan Duration, double PeakFactor) : Disturbance(After)
{
    /// <summary>The wear-rate factor at <paramref name="at"/>; 1 outside the episode.</summary>
    /// <param name="start">The simulation start.</param>
    /// <param name="at">The time of interest.</param>
    public double FactorAt(DateTimeOffset start, DateTimeOffset at)
    {
        var u = (at - BeginsAt(start)) / Duration;
        if (u is < 0 or >= 1)
        {
            return 1.0;
        }

        return 1.0 + ((PeakFactor - 1.0) * (1.0 - Math.Abs((2.0 * u) - 1.0)));
    }
}
