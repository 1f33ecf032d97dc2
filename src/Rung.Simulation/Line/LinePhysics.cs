using Rung.Simulation.Randomness;

namespace Rung.Simulation.Line;

/// <summary>
/// The hidden physics of the line. Wear is "effective wear": minutes of cut scaled by any
/// tool-wear acceleration, so it can exceed the tool_wear reading. Hardness enters as a
/// z-score against a fixed 200 HB reference, so a harder supplier shifts every reading.
/// </summary>
internal static class LinePhysics
{
    public const double HardnessReference = 200;
    public const double HardnessScale = 15;

    /// <summary>Base probability that a part is defective whatever the sensors say (inclusions, handling).</summary>
    public const double IrreducibleScrap = 0.015;

    public const double TempSweetSpot = 44;

    public static double Ambient(LineSimulationOptions options, DateTimeOffset at, TimeZoneInfo zone, Xoshiro256StarStar rng)
    {
        // Coolest around 20 January, warmest in late July.
        var dayOfYear = at.UtcDateTime.DayOfYear + (at.UtcDateTime.TimeOfDay.TotalHours / 24.0);
        var seasonal = -options.AmbientSeasonalAmplitude * Math.Cos(2.0 * Math.PI * (dayOfYear - 20.0) / 365.2425);
        var localHour = TimeZoneInfo.ConvertTime(at, zone).TimeOfDay.TotalHours;
        var daily = options.AmbientDailySwing * Math.Sin(2.0 * Math.PI * (localHour - 9.0) / 24.0);
        return options.AmbientMean + seasonal + daily + rng.Gaussian(0, 0.3);
    }

    public static double SpindleTemp(double ambient, double wear, double hardnessZ, Xoshiro256StarStar rng) =>
        26.0 + (0.85 * ambient) + (0.04 * wear) + (2.2 * hardnessZ) + rng.Gaussian(0, 1.0);

    public static double Vibration(double wear, double imbalance, double hardnessZ, Xoshiro256StarStar rng) =>
        0.8 + (0.010 * wear) + imbalance + (0.15 * hardnessZ) + rng.Gaussian(0, 0.2);

    public static double ExpectedTorque(double hardnessZ) => 14.0 + (3.0 * hardnessZ);

    public static double Torque(double wear, double hardnessZ, Xoshiro256StarStar rng) =>
        ExpectedTorque(hardnessZ) + (0.035 * wear) + rng.Gaussian(0, 0.9);

    /// <summary>
    /// The old stock's defect score (log-odds): worn tools, high vibration, a spindle far from
    /// its thermal sweet spot, and torque beyond what the bar's hardness explains.
    /// </summary>
    public static double OldStockScore(double wear, double vibration, double temp, double torqueExcess) =>
        -6.5
        + (0.35 * Math.Max(0, wear - 190))
        + (6.0 * Math.Max(0, vibration - 2.5))
        + (0.02 * (temp - TempSweetSpot) * (temp - TempSweetSpot))
        + (0.5 * Math.Max(0, torqueExcess - 7));

    /// <summary>
    /// The new stock's defect score: wear still matters, but a hot spindle with modest vibration
    /// now tears the surface of the harder bar.
    /// </summary>
    public static double NewStockScore(double wear, double vibration, double temp, double tempOnset, double vibrationOnset) =>
        -6.5
        + (0.35 * Math.Max(0, wear - 190))
        + (0.9 * Math.Max(0, temp - tempOnset))
        + (2.5 * Math.Max(0, vibration - vibrationOnset));

    public static double ScrapProbability(double score) =>
        IrreducibleScrap + ((1.0 - IrreducibleScrap) / (1.0 + Math.Exp(-score)));
}
