namespace Rung.Core.Approvals;

/// <summary>A person's verdict on a drafted action.</summary>
public enum Verdict
{
    Approved,
    Rejected,
}

/// <summary>An approver's verdict on a case in PendingApproval.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Approver">Who decided.</param>
/// <param name="Verdict">Approved commits the drafted action; Rejected commits nothing.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reason">Required for a rejection: why the draft was wrong.</param>
/// <param name="CorrectAction">For a rejection, the action the approver would take instead, if any.</param>
public sealed record Approval(string CaseId, string Approver, Verdict Verdict, DateTimeOffset At, string? Reason = null, string? CorrectAction = null);
