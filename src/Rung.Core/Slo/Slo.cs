namespace Rung.Core.Slo;

/// <summary>An agent's written service level. Every number is configurable per agent; the defaults are Rung's.</summary>
/// <param name="Window">How many of the latest labelled cases the rolling accuracy covers. Default 100.</param>
/// <param name="AccuracyFloor">Accuracy at or above which automatic decisions are allowed. Default 0.92.</param>
/// <param name="AlertLine">Rolling accuracy strictly below this over a full window pages the owner and demotes. Default 0.90.</param>
/// <param name="MaxHighSeverityErrors">High-severity errors tolerated before demotion. Default 0.</param>
/// <param name="ExceptionSla">How long an exception item may wait, counted in business hours of the site calendar. Default 4 h.</param>
/// <param name="LatencyBudget">The p99 decision-latency budget. Default 100 ms.</param>
public sealed record Slo(
    int Window = 100,
    double AccuracyFloor = 0.92,
    double AlertLine = 0.90,
    int MaxHighSeverityErrors = 0,
    TimeSpan? ExceptionSla = null,
    TimeSpan? LatencyBudget = null)
{
    /// <summary>The exception-queue SLA in business time.</summary>
    public TimeSpan ExceptionSlaOrDefault => ExceptionSla ?? TimeSpan.FromHours(4);

    /// <summary>The p99 latency budget.</summary>
    public TimeSpan LatencyBudgetOrDefault => LatencyBudget ?? TimeSpan.FromMilliseconds(100);
}
