using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Gates;
using Rung.Gates.Approval;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Server.Security;
using Rung.Storage;
using Rung.Storage.Gates;
using Rung.Storage.Identity;

namespace Rung.Server.Data;

/// <summary>
/// The Gates page over <see cref="GateService"/>: the gate above an agent's rung with its evidence, and the owner's
/// signed promotion. The gate is evaluated on the plant's clock (<see cref="ConsoleOptions.PlantClock"/>); the
/// promotion is made only when the gate passes at that moment and the owner's electronic signature
/// (<see cref="SignedPromotionApproval"/>) is given and verifies against the evidence it was given on. Thread-safe.
/// </summary>
public sealed class GateConsole(
    IRungStore store, IGateStore gates, IIdentityStore identityStore, ConsoleGate gate, SignatureService signatures, IdentityService identity, ConsoleSessions sessions, ConsoleOptions options, TimeProvider time, RunningAgents running)
{
    private readonly GateService _service = new(store, gates, options.PlantClock ?? time);

    /// <summary>The agent's gate, history and promotion signatures; null for an unknown agent.</summary>
    public async Task<GateView?> GetAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var agent = await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return null;
        }

        var history = await store.GetStageHistoryAsync(agentId, cancellationToken).ConfigureAwait(false);
        var signed = await identityStore.GetSignaturesAsync(SignedPromotionApproval.RecordType, agentId, cancellationToken).ConfigureAwait(false);
        var useCase = UseCaseOf(agentId);
        if (useCase is null)
        {
            return new GateView(agentId, agent.Scope, agent.Stage, string.Empty, null,
                $"The use case of {agentId} is not loaded here: start `rung serve` with --usecase FILE to evaluate its gate.", history, signed);
        }

        if (!TrustLadder.IsOnLadder(agent.Stage))
        {
            return new GateView(agentId, agent.Scope, agent.Stage, useCase.Business.Owner, null, $"{agentId} is {agent.Stage}, off the ladder: no gate applies.", history, signed);
        }

        var report = await _service.EvaluateAsync(useCase, cancellationToken).ConfigureAwait(false);
        return new GateView(agentId, agent.Scope, agent.Stage, useCase.Business.Owner, report, null, history, signed);
    }

    /// <summary>True when the session's person must type their user id to sign (first signature of the session).</summary>
    public bool NeedsUserId(string? sessionId) => sessions.Find(sessionId) is not { HasSigned: true };

    /// <summary>
    /// Promotes the agent one rung on the owner's signature: the session must be allowed to promote on the agent's
    /// scope and belong to the use case's owner; the gate is evaluated again now and must pass; the signature is made
    /// over the promotion request (agent, both stages, the evidence's SHA-256) and checked before the stage changes.
    /// When this server runs the agent, its runtime decides its next case on the new stage (<see cref="RunningAgents.ChangeAsync{T}"/>).
    /// </summary>
    /// <exception cref="ConsoleDeniedException">The session is over, or the role or zone does not allow promoting.</exception>
    /// <exception cref="UnauthorizedAccessException">Not the owner, or the signature was refused (wrong password, locked account).</exception>
    /// <exception cref="InvalidOperationException">The gate fails now, the use case is not loaded, or the agent is already on the top rung.</exception>
    /// <exception cref="KeyNotFoundException">The agent is unknown.</exception>
    public async Task<StageChange> PromoteAsync(string? sessionId, string agentId, string? userId, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var agent = await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No agent '{agentId}'.");
        var session = await gate.AuthorizeAsync(sessionId, Operation.PromoteStage, agent.Scope, cancellationToken).ConfigureAwait(false);
        var useCase = UseCaseOf(agentId)
            ?? throw new InvalidOperationException($"The use case of {agentId} is not loaded here: start `rung serve` with --usecase FILE to promote it.");
        var approval = new VerifiedApproval(
            new SignedPromotionApproval(signatures, identity, useCase.Business.Owner, agent.Scope, session, NeedsUserId(sessionId) ? userId?.Trim() : null, password),
            signatures);
        var (_, change) = await running.ChangeAsync(agentId, () => _service.PromoteAsync(useCase, approval, session.UserId, cancellationToken), cancellationToken).ConfigureAwait(false);
        return change;
    }

    private UseCaseDefinition? UseCaseOf(string agentId) => options.UseCases.FirstOrDefault(u => u.Agent.Id == agentId);

    // Reads the stored signature back and checks its seal and record hash before the stage changes: a promotion
    // stands on a signature that verifies, not merely on one that was written.
    private sealed class VerifiedApproval(SignedPromotionApproval inner, SignatureService signatures) : IPromotionApproval
    {
        public async Task<PromotionApprovalRecord> ApproveAsync(PromotionRequest request, string user, CancellationToken cancellationToken = default)
        {
            var record = await inner.ApproveAsync(request, user, cancellationToken).ConfigureAwait(false);
            var checks = await signatures.VerifyAsync(SignedPromotionApproval.RecordType, request.AgentId, SignedPromotionApproval.CanonicalBytes(request), cancellationToken).ConfigureAwait(false);
            var mine = checks.FirstOrDefault(c => c.Signature.SignatureId == record.Reference);
            return mine is { Valid: true }
                ? record
                : throw new UnauthorizedAccessException($"The signature on the promotion of {request.AgentId} does not verify: {mine?.Reason ?? "it was not stored"}. Nothing was changed.");
        }
    }
}
