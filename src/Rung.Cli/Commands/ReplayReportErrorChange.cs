namespace Rung.Cli.Commands;

/// <summary>A change in the agent's error rate, found by ADWIN on the labelled cases in time order.</summary>
/// <param name="CaseId">The labelled case that completed the evidence.</param>
/// <param name="OccurredAt">Its time.</param>
/// <param name="ErrorRateBefore">The error rate over ADWIN's window just before the change.</param>
/// <param name="ErrorRateAfter">The error rate over the window it kept.</param>
internal sealed record ReplayReportErrorChange(string CaseId, DateTimeOffset OccurredAt, double ErrorRateBefore, double ErrorRateAfter);
