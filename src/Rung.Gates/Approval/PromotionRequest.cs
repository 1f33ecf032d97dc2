using Rung.Core.Ladder;

namespace Rung.Gates.Approval;

/// <summary>What an approver is asked to approve: one agent's promotion on one evidence snapshot.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="From">The stage it leaves.</param>
/// <param name="To">The stage it enters.</param>
/// <param name="EvidenceSha256">SHA-256 (hex) of the gate report's JSON the approval is given on.</param>
/// <param name="Meaning">What approving means, shown to the approver and kept with the record.</param>
public sealed record PromotionRequest(string AgentId, Stage From, Stage To, string EvidenceSha256, string Meaning);
