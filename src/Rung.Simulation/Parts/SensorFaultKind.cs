namespace Rung.Simulation.Parts;

/// <summary>The kind of data-quality problem injected into one sensor reading.</summary>
public enum SensorFaultKind
{
    /// <summary>The key is absent from <see cref="SimulatedPart.Sensors"/>.</summary>
    Missing = 0,

    /// <summary>The value is <see cref="double.NaN"/>.</summary>
    NaN = 1,

    /// <summary>The value repeats the last good reading exactly, for a run of consecutive parts.</summary>
    Stuck = 2,

    /// <summary>The value lies outside the sensor's <see cref="SensorRange"/>.</summary>
    OutOfRange = 3,
}
