namespace Rung.Core.Slo;

/// <summary>What kind of SLO breach.</summary>
public enum SloBreachKind
{
    /// <summary>More high-severity errors than tolerated (by default, any).</summary>
    HighSeverityError,

    /// <summary>Rolling accuracy strictly under the alert line over a full window.</summary>
    AccuracyBelowAlertLine,
}

/// <summary>An SLO breach with its evidence.</summary>
/// <param name="Kind">What was breached.</param>
/// <param name="Status">The numbers when it happened.</param>
/// <param name="CaseIds">The evidence: the high-severity cases, or the cases of the window.</param>
/// <param name="At">The time of the judgement that caused it.</param>
public sealed record SloBreach(SloBreachKind Kind, SloStatus Status, IReadOnlyList<string> CaseIds, DateTimeOffset At);
