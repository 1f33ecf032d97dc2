using System.Collections.Frozen;
using System.Collections.Immutable;
using Rung.Core.Calendar;
using Rung.Simulation.Disturbances;

namespace Rung.Simulation;

/// <summary>
/// Everything that shapes a simulated line's history. Two lines built from equal options
/// produce identical parts. Every default is documented on its property;
/// <see cref="Validate"/> runs when a <see cref="MachiningLine"/> or <see cref="People.SimulatedPeople"/> is built.
/// </summary>
public sealed record LineSimulationOptions
{
    /// <summary>Seed of every random stream. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Line id, the prefix of every part id. Default <c>L3</c>.</summary>
    public string LineId { get; init; } = "L3";

    /// <summary>Start of the simulated period, the anchor of every disturbance. Default 2026-01-05T06:00Z, a Monday.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Machine cycles per hour while producing. Default 24 (a 2.5 min cycle): with tool changes
    /// over two 8 h shifts, roughly 350 parts a working day. Between 1 and 120.
    /// </summary>
    public double PartsPerShiftHour { get; init; } = 24;

    /// <summary>
    /// When the line runs: the working days and hours in the site's time zone. Default two shifts,
    /// 06:00 to 22:00 Monday to Friday, Europe/Berlin; daylight-saving follows the zone's rules.
    /// </summary>
    public SiteCalendar Shifts { get; init; } = DefaultShifts();

    /// <summary>Probability an operator left alone takes the wrong action on a part. Default 0.04.</summary>
    public double OperatorErrorRate { get; init; } = 0.04;

    /// <summary>Probability an approver's own judgement of a part is wrong. Default 0.03.</summary>
    public double ApproverErrorRate { get; init; } = 0.03;

    /// <summary>Time from production until the QC lab's result is known. Default 6 h.</summary>
    public TimeSpan QcDelay { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Fraction of parts with one sensor missing or NaN. Default 0.005.</summary>
    public double SensorFaultRate { get; init; } = 0.005;

    /// <summary>Fraction of parts that start a stuck-sensor run (3 to 8 parts) or carry an out-of-range value. Default 0.0006.</summary>
    public double RareSensorFaultRate { get; init; } = 0.0006;

    /// <summary>Approximate fraction of parts that show a tool-breakage precursor (true action stop_line). Default 0.003.</summary>
    public double BreakagePrecursorRate { get; init; } = 0.003;

    /// <summary>Mean Brinell hardness (HB) of the bar stock before any supplier change. Default 200. Hidden from the sensors.</summary>
    public double HardnessMean { get; init; } = 200;

    /// <summary>Bar-to-bar standard deviation of hardness (HB) before any supplier change. Default 10.</summary>
    public double HardnessSd { get; init; } = 10;

    /// <summary>Yearly mean of the shop-floor temperature in degC. Default 21.</summary>
    public double AmbientMean { get; init; } = 21;

    /// <summary>Half the winter-to-summer swing of the shop-floor temperature in degC (coolest in late January). Default 6.</summary>
    public double AmbientSeasonalAmplitude { get; init; } = 6;

    /// <summary>Half the night-to-afternoon swing of the shop-floor temperature in degC (warmest at 15:00 local). Default 2.</summary>
    public double AmbientDailySwing { get; init; } = 2;

    /// <summary>
    /// What happens to the line, relative to <see cref="Start"/>. Default <see cref="DefaultDisturbances"/>:
    /// tool-wear acceleration on days 24-27 and 53-57, and a supplier change on day 78.
    /// </summary>
    public IReadOnlyList<Disturbance> Disturbances { get; init; } = DefaultDisturbances();

    /// <summary>Two shifts, 06:00 to 22:00, Monday to Friday, Europe/Berlin, no holidays.</summary>
    public static SiteCalendar DefaultShifts() => new(
        SiteTimeZones.EuropeBerlin(),
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.ToFrozenSet(),
        new TimeOnly(6, 0),
        new TimeOnly(22, 0),
        FrozenSet<DateOnly>.Empty);

    /// <summary>
    /// Tool-wear acceleration from day 24 for 3 days (peak 1.15x) and from day 53 for 4 days
    /// (peak 1.2x), then the supplier change on day 78 with <see cref="SupplierChange"/>'s defaults.
    /// </summary>
    public static IReadOnlyList<Disturbance> DefaultDisturbances() => ImmutableArray.Create<Disturbance>(
        new ToolWearAcceleration(TimeSpan.FromDays(24), TimeSpan.FromDays(3), 1.15),
        new ToolWearAcceleration(TimeSpan.FromDays(53), TimeSpan.FromDays(4), 1.2),
        new SupplierChange(TimeSpan.FromDays(78)));

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LineId))
        {
            throw new ArgumentException("LineId must not be empty.", nameof(LineId));
        }

        ArgumentNullException.ThrowIfNull(Shifts, nameof(Shifts));
        ArgumentNullException.ThrowIfNull(Disturbances, nameof(Disturbances));
        if (Shifts.DayEnd <= Shifts.DayStart)
        {
            throw new ArgumentException($"Shifts.DayEnd {Shifts.DayEnd} must be after Shifts.DayStart {Shifts.DayStart}.", nameof(Shifts));
        }

        Require(PartsPerShiftHour is >= 1 and <= 120, nameof(PartsPerShiftHour), PartsPerShiftHour, "between 1 and 120");
        RequireProbability(OperatorErrorRate, nameof(OperatorErrorRate));
        RequireProbability(ApproverErrorRate, nameof(ApproverErrorRate));
        RequireProbability(SensorFaultRate, nameof(SensorFaultRate));
        RequireProbability(RareSensorFaultRate, nameof(RareSensorFaultRate));
        RequireProbability(BreakagePrecursorRate, nameof(BreakagePrecursorRate));
        Require(QcDelay >= TimeSpan.Zero, nameof(QcDelay), QcDelay, "zero or positive");
        Require(HardnessMean is > 50 and < 600, nameof(HardnessMean), HardnessMean, "between 50 and 600 HB");
        Require(HardnessSd is >= 0 and < 100, nameof(HardnessSd), HardnessSd, "between 0 and 100 HB");
        Require(AmbientSeasonalAmplitude is >= 0 and <= 15, nameof(AmbientSeasonalAmplitude), AmbientSeasonalAmplitude, "between 0 and 15 degC");
        Require(AmbientDailySwing is >= 0 and <= 10, nameof(AmbientDailySwing), AmbientDailySwing, "between 0 and 10 degC");
        Require(AmbientMean is >= 5 and <= 40, nameof(AmbientMean), AmbientMean, "between 5 and 40 degC");
        for (var i = 0; i < Disturbances.Count; i++)
        {
            ValidateDisturbance(Disturbances[i], i);
        }
    }

    private static void ValidateDisturbance(Disturbance disturbance, int index)
    {
        var where = $"Disturbances[{index}]";
        switch (disturbance)
        {
            case null:
                throw Invalid(where, $"{where} is null.");
            case ToolWearAcceleration a:
                Require(a.Duration > TimeSpan.Zero, where + ".Duration", a.Duration, "positive");
                Require(a.PeakFactor is >= 1 and <= 10, where + ".PeakFactor", a.PeakFactor, "between 1 and 10");
                break;
            case SupplierChange s:
                Require(s.HardnessMean is > 50 and < 600, where + ".HardnessMean", s.HardnessMean, "between 50 and 600 HB");
                Require(s.HardnessSd is >= 0 and < 100, where + ".HardnessSd", s.HardnessSd, "between 0 and 100 HB");
                Require(s.MechanismStrength is >= 0 and <= 1, where + ".MechanismStrength", s.MechanismStrength, "between 0 and 1");
                break;
            default:
                throw Invalid(where, $"{where} has unknown type {disturbance.GetType().Name}.");
        }
    }

    private static ArgumentException Invalid(string name, string message) => new(message, name);

    private static void RequireProbability(double value, string name) =>
        Require(value is >= 0 and <= 1, name, value, "a probability between 0 and 1");

    private static void Require(bool ok, string name, object value, string expectation)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be {expectation}.");
        }
    }
}
