namespace Rung.Core.Alarms;

/// <summary>
/// One alarm: a condition on one agent (its <see cref="Key"/>) that a person must know about. While it is not
/// resolved, the same condition raises nothing new: one alarm per condition, never a flood.
/// </summary>
/// <param name="Id">Unique id.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="Rule">The rule that raised it, for example <c>slo.alert_line</c> or <c>drift.input</c>.</param>
/// <param name="Key">The condition: the rule plus what it is about, for example <c>drift.input:spindle_temp</c>.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Title">One line for a person.</param>
/// <param name="Evidence">The numbers and the window when it was raised.</param>
/// <param name="Runbook">What to do, from the use case; empty when the use case has no entry for the rule.</param>
/// <param name="Owner">The named owner it pages.</param>
/// <param name="RaisedAt">When (UTC).</param>
/// <param name="State">Open, acknowledged or resolved.</param>
/// <param name="AcknowledgedBy">Who took it, or null.</param>
/// <param name="AcknowledgedAt">When, or null.</param>
/// <param name="EscalatedTo">The backup it was escalated to when nobody acknowledged in time, or null.</param>
/// <param name="EscalatedAt">When, or null.</param>
/// <param name="ResolvedBy">Who resolved it (<c>system</c> for an automatic resolution), or null.</param>
/// <param name="ResolvedAt">When, or null.</param>
/// <param name="Comment">The last comment given on acknowledgement or resolution, or null.</param>
/// <param name="ConditionClearSince">While open: since when the condition has been clear, or null while it holds.</param>
public sealed record Alarm(
    string Id,
    string AgentId,
    string Rule,
    string Key,
    AlarmSeverity Severity,
    string Title,
    IReadOnlyDictionary<string, string> Evidence,
    string Runbook,
    string Owner,
    DateTimeOffset RaisedAt,
    AlarmState State = AlarmState.Open,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null,
    string? EscalatedTo = null,
    DateTimeOffset? EscalatedAt = null,
    string? ResolvedBy = null,
    DateTimeOffset? ResolvedAt = null,
    string? Comment = null,
    DateTimeOffset? ConditionClearSince = null)
{
    /// <summary>True until resolved.</summary>
    public bool IsActive => State != AlarmState.Resolved;
}
