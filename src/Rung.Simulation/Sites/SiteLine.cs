using System.Globalization;
using Rung.Simulation.Parts;

namespace Rung.Simulation.Sites;

/// <summary>
/// A simulated line at another site: the same machining physics (its own seed), published under its own tag names
/// and in its own units, as a second plant would. Used to show a use case replicated from a template. Immutable and
/// thread-safe.
/// </summary>
public sealed class SiteLine
{
    /// <summary>Builds a site line.</summary>
    /// <param name="scope">The line's ISA-95 scope, enterprise/site/area/line/cell.</param>
    /// <param name="options">The simulation; its <see cref="LineSimulationOptions.LineId"/> prefixes the part ids.</param>
    /// <param name="tags">One tag per sensor published.</param>
    public SiteLine(string scope, LineSimulationOptions options, IReadOnlyList<SiteTag> tags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tags);
        Scope = scope;
        Line = new MachiningLine(options);
        Tags = tags;
    }

    /// <summary>The line's ISA-95 scope.</summary>
    public string Scope { get; }

    /// <summary>The simulated machining line.</summary>
    public MachiningLine Line { get; }

    /// <summary>The tags the line publishes.</summary>
    public IReadOnlyList<SiteTag> Tags { get; }

    /// <summary>The tag whose message says a part is done; its JSON payload carries <c>part_id</c>.</summary>
    public string TriggerTopic => Scope + "/part_done";

    /// <summary>
    /// Line 5 at Köln: cell 1 instead of cell 2, the spindle bearing temperature as <c>spindle/bearing_temp</c> in degF,
    /// the feed as <c>axis/feed</c> in in/min, tool usage as <c>tool/usage_hours</c> in hours, the hall temperature
    /// in degF; the other tags are named as at the first line.
    /// </summary>
    /// <param name="seed">The simulation's seed.</param>
    public static SiteLine KoelnLine5(long seed)
    {
        const string Cell = "acme/koeln/machining/line5/cell1";
        return new SiteLine(Cell, new LineSimulationOptions { Seed = seed, LineId = "K5" },
        [
            new(SensorNames.SpindleSpeed, Cell + "/spindle/speed", "rpm"),
            new(SensorNames.FeedRate, Cell + "/axis/feed", "in/min", 1 / 25.4),
            new(SensorNames.SpindleTemp, Cell + "/spindle/bearing_temp", "degF", 9.0 / 5.0, 32),
            new(SensorNames.VibrationRms, Cell + "/spindle/vibration_rms", "mm/s"),
            new(SensorNames.SpindleTorque, Cell + "/spindle/torque", "Nm"),
            new(SensorNames.ToolWear, Cell + "/tool/usage_hours", "h", 1 / 60.0),
            new(SensorNames.AmbientTemp, "acme/koeln/machining/line5/environment/temperature", "degF", 9.0 / 5.0, 32),
        ]);
    }

    /// <summary>The part's readings as the site publishes them; sensors the part lacks are left out.</summary>
    public IReadOnlyList<SiteReading> Readings(SimulatedPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return [.. Tags.Where(t => part.Sensors.ContainsKey(t.Sensor)).Select(t => new SiteReading(t.Sensor, t.Topic, t.FromCanonical(part.Sensors[t.Sensor]), t.Unit))];
    }

    /// <summary>A reading as a JSON tag payload: value, unit and the part's time in epoch milliseconds.</summary>
    public static string Payload(SiteReading reading, SimulatedPart part)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(part);
        return string.Create(CultureInfo.InvariantCulture, $$"""{"value": {{reading.Value:R}}, "unit": "{{reading.Unit}}", "timestamp": {{part.ProducedAt.ToUnixTimeMilliseconds()}}}""");
    }

    /// <summary>The trigger payload for <paramref name="part"/>.</summary>
    public static string TriggerPayload(SimulatedPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return string.Create(CultureInfo.InvariantCulture, $$"""{"part_id": "{{part.PartId}}", "timestamp": {{part.ProducedAt.ToUnixTimeMilliseconds()}}}""");
    }
}
