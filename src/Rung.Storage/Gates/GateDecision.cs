using Rung.Core.Ladder;

namespace Rung.Storage.Gates;

/// <summary>
/// A recorded gate decision: a promotion taken on a passed gate with the owner's approval, or a demotion to the
/// stage a failed criterion names, with the evidence snapshot it was taken on.
/// </summary>
/// <param name="AgentId">The agent.</param>
/// <param name="At">When (UTC).</param>
/// <param name="From">The stage left.</param>
/// <param name="To">The stage entered.</param>
/// <param name="Kind">Promotion or Demotion.</param>
/// <param name="Passed">Whether the gate passed on the snapshot.</param>
/// <param name="ApprovedBy">Who approved a promotion, or null.</param>
/// <param name="ApprovedAt">When, or null.</param>
/// <param name="ApprovalMethod">How (<c>recorded</c>, or an electronic signature scheme), or null.</param>
/// <param name="ApprovalReference">The signature's id when signed, or null.</param>
/// <param name="Reason">A sentence a person can read.</param>
/// <param name="SnapshotSha256">SHA-256 of <paramref name="SnapshotJson"/>, hex; what an approval signs.</param>
/// <param name="SnapshotJson">The gate report as JSON.</param>
public sealed record GateDecision(
    string AgentId,
    DateTimeOffset At,
    Stage From,
    Stage To,
    StageChangeKind Kind,
    bool Passed,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    string? ApprovalMethod,
    string? ApprovalReference,
    string Reason,
    string SnapshotSha256,
    string SnapshotJson);
