using Rung.Core.Alarms;

namespace Rung.UseCases;

/// <summary>
/// The alarm rules <c>agent.monitoring.stop_on</c> may name, and how an entry matches a raised alarm. An entry is a
/// rule name (<c>edge.watchdog</c>) or a family ending in <c>.*</c> (<c>drift.*</c> matches <c>drift.input</c> and
/// every other <c>drift.</c> rule). Thread-safe.
/// </summary>
public static class StopOnRules
{
    /// <summary>
    /// Every rule an agent's alarm book can hold: <see cref="AlarmRules.All"/>, the server's model rules and the rules
    /// an edge raises. Kept here as names because the edge and the model host are built on top of this project.
    /// </summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        .. AlarmRules.All,
        "model.integrity",
        "model.probation_rollback",
        "edge.watchdog",
        "edge.model.integrity",
        "edge.model.replaced",
        "edge.buffer",
    ];

    /// <summary>True when <paramref name="entry"/> is a known rule, or a family that holds at least one.</summary>
    public static bool IsKnown(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Known.Any(rule => Matches(entry, rule));
    }

    /// <summary>True when any entry of <paramref name="stopOn"/> matches <paramref name="rule"/>.</summary>
    public static bool Matches(IReadOnlyList<string> stopOn, string rule)
    {
        ArgumentNullException.ThrowIfNull(stopOn);
        ArgumentNullException.ThrowIfNull(rule);
        return stopOn.Any(entry => Matches(entry, rule));
    }

    private static bool Matches(string entry, string rule) =>
        entry.EndsWith(".*", StringComparison.Ordinal)
            ? rule.StartsWith(entry[..^1], StringComparison.Ordinal)
            : string.Equals(entry, rule, StringComparison.Ordinal);
}
