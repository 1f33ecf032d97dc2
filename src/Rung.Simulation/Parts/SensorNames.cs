namespace Rung.Simulation.Parts;

/// <summary>The sensor keys of <see cref="SimulatedPart.Sensors"/>, in the order they are written.</summary>
public static class SensorNames
{
    /// <summary>Spindle speed in rpm, around 8000.</summary>
    public const string SpindleSpeed = "spindle_speed";

    /// <summary>Feed rate in mm/min, around 1200.</summary>
    public const string FeedRate = "feed_rate";

    /// <summary>Spindle bearing temperature in degC, 35 to 70.</summary>
    public const string SpindleTemp = "spindle_temp";

    /// <summary>Vibration RMS velocity in mm/s, 0.5 to 8.</summary>
    public const string VibrationRms = "vibration_rms";

    /// <summary>Spindle torque in Nm, 5 to 40.</summary>
    public const string SpindleTorque = "spindle_torque";

    /// <summary>Minutes of cut on the current tool, 0 to 240; resets on a tool change.</summary>
    public const string ToolWear = "tool_wear";

    /// <summary>Shop-floor air temperature in degC.</summary>
    public const string AmbientTemp = "ambient_temp";

    /// <summary>Every sensor key, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } =
        Array.AsReadOnly([SpindleSpeed, FeedRate, SpindleTemp, VibrationRms, SpindleTorque, ToolWear, AmbientTemp]);
}
