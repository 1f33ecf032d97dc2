namespace Rung.Core.Outcomes;

/// <summary>A label that arrives after the case was decided.</summary>
/// <param name="CaseId">The case it labels.</param>
/// <param name="Source">Who or what produced it.</param>
/// <param name="CorrectAction">The action that was right for the case, by the use case's action names.</param>
/// <param name="At">When the label was produced (UTC).</param>
/// <param name="Actor">The person or system that produced it.</param>
/// <param name="Note">A free-text reason (an approver's rejection reason, a QC remark), or null.</param>
public sealed record Outcome(string CaseId, OutcomeSource Source, string CorrectAction, DateTimeOffset At, string Actor, string? Note = null);
