using Rung.Core.Ladder;
using Rung.Storage.Gates;

namespace Rung.Storage;

/// <summary>
/// What the go/no-go gates record beside the journal: attestations, connector checks and gate decisions.
/// Every write is one transaction. Safe to call from several threads.
/// </summary>
public interface IGateStore : IEvidenceStore
{
    /// <summary>Stores an attestation. Throws <see cref="KeyNotFoundException"/> for an unknown agent.</summary>
    Task AppendAttestationAsync(Attestation attestation, CancellationToken cancellationToken = default);

    /// <summary>The agent's attestations, oldest first.</summary>
    Task<IReadOnlyList<Attestation>> GetAttestationsAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Stores a connector check. Throws <see cref="KeyNotFoundException"/> for an unknown agent.</summary>
    Task AppendConnectorCheckAsync(ConnectorCheck check, CancellationToken cancellationToken = default);

    /// <summary>The agent's connector checks, oldest first.</summary>
    Task<IReadOnlyList<ConnectorCheck>> GetConnectorChecksAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a gate decision and, when given, the stage change it makes, in one transaction. The change is
    /// refused (and nothing stored) with <see cref="InvalidOperationException"/> when the agent is no longer on
    /// its <see cref="StageChange.From"/> stage.
    /// </summary>
    Task RecordGateDecisionAsync(GateDecision decision, StageChange? change, CancellationToken cancellationToken = default);

    /// <summary>The agent's gate decisions, oldest first.</summary>
    Task<IReadOnlyList<GateDecision>> GetGateDecisionsAsync(string agentId, CancellationToken cancellationToken = default);
}
