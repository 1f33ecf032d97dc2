namespace Rung.Core.Guards;

/// <summary>
/// Declarative limits on what an agent may do. Every rule must allow an action for it to be committed;
/// an empty list allows any action name the use case declares.
/// </summary>
/// <param name="AllowedActions">Action names that may be committed; empty means every declared action.</param>
/// <param name="Ranges">Numeric limits on an action's value.</param>
/// <param name="RateLimits">At most so many commits of an action in a sliding window.</param>
/// <param name="ForbiddenTargets">Target patterns that are refused by design (safety-related targets); MQTT-style: <c>+</c> matches one topic level, <c>#</c> as the last level matches the rest.</param>
public sealed record Guard(
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<ValueRange> Ranges,
    IReadOnlyList<RateLimit> RateLimits,
    IReadOnlyList<string> ForbiddenTargets)
{
    /// <summary>A guard with no rules.</summary>
    public static Guard None { get; } = new([], [], [], []);
}

/// <summary>The value of <paramref name="Action"/> must lie within [Min, Max] (inclusive) and be a finite number.</summary>
public sealed record ValueRange(string Action, double Min, double Max);

/// <summary>At most <paramref name="MaxCount"/> commits of <paramref name="Action"/> in any window of <paramref name="Window"/>.</summary>
public sealed record RateLimit(string Action, int MaxCount, TimeSpan Window);
