using Rung.Core.Ladder;
using Rung.Gates.Evaluation;
using Rung.Storage.Identity;

namespace Rung.Server.Data;

/// <summary>What the Gates page shows for one agent.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Scope">Its ISA-95 scope.</param>
/// <param name="Stage">Its stage now.</param>
/// <param name="Owner">The named owner, the one person who signs its promotions; empty when the use case is not loaded.</param>
/// <param name="Report">The gate above its rung evaluated now, or null when no gate applies (see <paramref name="Problem"/>).</param>
/// <param name="Problem">Why there is no report: the use case is not loaded here, or the agent is off the ladder.</param>
/// <param name="History">Its ladder history, oldest first.</param>
/// <param name="Signatures">The electronic signatures given to its promotions, oldest first.</param>
public sealed record GateView(
    string AgentId,
    string Scope,
    Stage Stage,
    string Owner,
    GateReport? Report,
    string? Problem,
    IReadOnlyList<StageChange> History,
    IReadOnlyList<SignatureRecord> Signatures)
{
    /// <summary>True when the gate passed now and there is a rung above: the promotion may be signed.</summary>
    public bool CanPromote => Report is { Passed: true } r && r.Stage != Stage.ProductionOwned;
}
