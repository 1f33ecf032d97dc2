using Rung.Core.Approvals;
using Rung.Core.Ladder;

namespace Rung.Storage.Gates;

/// <summary>An approver's verdict with the stage its case was decided on.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Stage">The stage the case was decided on.</param>
/// <param name="Verdict">Approved or rejected.</param>
/// <param name="Approver">Who decided.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reason">The rejection reason, or null.</param>
public sealed record ApprovalEvidence(string CaseId, Stage Stage, Verdict Verdict, string Approver, DateTimeOffset At, string? Reason);
