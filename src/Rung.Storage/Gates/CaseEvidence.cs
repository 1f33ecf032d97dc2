using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;

namespace Rung.Storage.Gates;

/// <summary>One decided case as a gate sees it: what was decided, its first label, and its committed action's delivery.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="OccurredAt">The case's source time (UTC).</param>
/// <param name="Stage">The stage it was decided on.</param>
/// <param name="Disposition">What became of it.</param>
/// <param name="ProposedAction">The model's action.</param>
/// <param name="CorrectAction">The first outcome's action (the label), or null while unlabelled.</param>
/// <param name="Correct">Whether the proposal matched the label, or null while unlabelled.</param>
/// <param name="ErrorSeverity">How bad a wrong proposal was; null when correct or unlabelled.</param>
/// <param name="JudgedAt">When the label arrived, or null.</param>
/// <param name="CommittedAt">When its action was committed (automatically or approved), or null.</param>
/// <param name="DeliveredAt">When the connector confirmed delivery, or null.</param>
public sealed record CaseEvidence(
    string CaseId,
    DateTimeOffset OccurredAt,
    Stage Stage,
    Disposition Disposition,
    string ProposedAction,
    string? CorrectAction,
    bool? Correct,
    Severity? ErrorSeverity,
    DateTimeOffset? JudgedAt,
    DateTimeOffset? CommittedAt,
    DateTimeOffset? DeliveredAt);
