using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Storage.Gates;
using Rung.Storage.Journal;

namespace Rung.Gates.Evaluation;

/// <summary>Everything a gate is computed from, read from the store at one moment.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Stage">Its current stage.</param>
/// <param name="StageSince">When it entered it.</param>
/// <param name="AutoSince">When it last entered AutoWithExceptions from below (null when it never did): the start of its automatic record.</param>
/// <param name="Now">The moment of evaluation (UTC).</param>
/// <param name="Cases">Cases from the start of the evidence window to now.</param>
/// <param name="Approvals">Approver verdicts in the same window.</param>
/// <param name="Attestations">Every attestation of the agent.</param>
/// <param name="ConnectorChecks">Every connector check of the agent.</param>
/// <param name="Summaries">Daily summaries in the acknowledgement window.</param>
/// <param name="Alarms">The agent's alarms, including resolved ones.</param>
/// <param name="Today">The site's local day at <paramref name="Now"/>.</param>
public sealed record GateEvidence(
    string AgentId,
    Stage Stage,
    DateTimeOffset StageSince,
    DateTimeOffset? AutoSince,
    DateTimeOffset Now,
    IReadOnlyList<CaseEvidence> Cases,
    IReadOnlyList<ApprovalEvidence> Approvals,
    IReadOnlyList<Attestation> Attestations,
    IReadOnlyList<ConnectorCheck> ConnectorChecks,
    IReadOnlyList<DailySummary> Summaries,
    IReadOnlyList<Alarm> Alarms,
    DateOnly Today);
