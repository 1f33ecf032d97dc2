using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Storage;

namespace Rung.Gates.Evaluation;

/// <summary>Reads a gate's evidence from the store at one moment.</summary>
public static class EvidenceCollector
{
    /// <summary>Collects the evidence of <paramref name="useCase"/>'s agent at <paramref name="now"/>.</summary>
    /// <exception cref="KeyNotFoundException">The agent is not stored.</exception>
    public static async Task<GateEvidence> CollectAsync(IRungStore store, IGateStore gates, UseCaseDefinition useCase, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(useCase);
        var agentId = useCase.Agent.Id;
        var agent = await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No agent '{agentId}' is stored; run it first.");
        var history = await store.GetStageHistoryAsync(agentId, cancellationToken).ConfigureAwait(false);
        var autoSince = AutoSince(history);
        var from = GateEvaluator.EvidenceStart(useCase, agent.StageSince, autoSince, now);
        var end = now + TimeSpan.FromTicks(1);
        var cases = await gates.GetCaseEvidenceAsync(agentId, from, end, cancellationToken).ConfigureAwait(false);
        var approvals = await gates.GetApprovalEvidenceAsync(agentId, from, end, cancellationToken).ConfigureAwait(false);
        var attestations = await gates.GetAttestationsAsync(agentId, cancellationToken).ConfigureAwait(false);
        var checks = await gates.GetConnectorChecksAsync(agentId, cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, useCase.Agent.Calendar.TimeZone).DateTime);
        var summaries = await store.GetDailySummariesAsync(agentId, today.AddDays(-366), today, cancellationToken).ConfigureAwait(false);
        var alarms = await store.GetAlarmsAsync(agentId, activeOnly: false, 100_000, cancellationToken).ConfigureAwait(false);
        return new GateEvidence(agentId, agent.Stage, agent.StageSince, autoSince, now, cases, approvals, attestations, checks, summaries, alarms, today);
    }

    /// <summary>When the agent last climbed (or started) onto an automatic stage from below, or null when it is not on one.</summary>
    public static DateTimeOffset? AutoSince(IReadOnlyList<StageChange> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        DateTimeOffset? since = null;
        foreach (var change in history)
        {
            var automatic = TrustLadder.CommitsAutomatically(change.To);
            if (!automatic)
            {
                since = null;
            }
            else if (since is null)
            {
                since = change.At;
            }
        }

        return since;
    }
}
