namespace Rung.Simulation.Parts;

/// <summary>
/// The physical range of one sensor. Healthy readings always lie inside it (the simulated
/// transmitters saturate at the limits); only deliberate <see cref="SensorFaultKind.OutOfRange"/>
/// faults lie outside.
/// </summary>
/// <param name="Sensor">The sensor key, one of <see cref="SensorNames"/>.</param>
/// <param name="Unit">The engineering unit.</param>
/// <param name="Min">Lowest physical value, inclusive.</param>
/// <param name="Max">Highest physical value, inclusive.</param>
public sealed record SensorRange(string Sensor, string Unit, double Min, double Max)
{
    /// <summary>The ranges of every sensor, keyed by sensor name.</summary>
    public static IReadOnlyDictionary<string, SensorRange> All { get; } = new Dictionary<string, SensorRange>
    {
        [SensorNames.SpindleSpeed] = new(SensorNames.SpindleSpeed, "rpm", 7500, 8500),
        [SensorNames.FeedRate] = new(SensorNames.FeedRate, "mm/min", 1000, 1400),
        [SensorNames.SpindleTemp] = new(SensorNames.SpindleTemp, "degC", 35, 70),
        [SensorNames.VibrationRms] = new(SensorNames.VibrationRms, "mm/s", 0.5, 8),
        [SensorNames.SpindleTorque] = new(SensorNames.SpindleTorque, "Nm", 5, 40),
        [SensorNames.ToolWear] = new(SensorNames.ToolWear, "min", 0, 240),
        [SensorNames.AmbientTemp] = new(SensorNames.AmbientTemp, "degC", 5, 40),
    }.AsReadOnly();

    /// <summary>True when <paramref name="value"/> is a number within the range.</summary>
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>The value pulled into the range, as a saturating transmitter reports it.</summary>
    public double Clamp(double value) => Math.Clamp(value, Min, Max);
}
