using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Core.Outcomes;
using Rung.Core.UseCases;
using Rung.Runtime.Agents;
using Rung.Storage;
using Rung.Storage.Journal;
using Rung.UseCases;

namespace Rung.Server.Edge;

/// <summary>
/// Verdicts and outcomes on the server for an agent that runs on an edge (its use case is published to edges). They
/// are recorded in the store with their labels, never through a runtime of the server's: the edge fetches the verdict
/// and commits and delivers the action itself, inside its validity window, and reports back. Outcomes stay on the
/// server, where they feed the agent's gates.
/// </summary>
internal static class EdgeVerdicts
{
    /// <summary>The published use case of an edge agent, or null when the agent is not published to edges.</summary>
    public static async Task<UseCaseDefinition?> PublishedUseCaseAsync(IRungStore store, string agentId, CancellationToken cancellationToken)
    {
        if (store is not IEdgeStore edges)
        {
            return null;
        }

        var config = (await edges.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.AgentId == agentId);
        return config is null ? null : UseCaseLoader.Load(config.UseCaseYaml, $"edge configuration of '{agentId}'").Definition;
    }

    /// <summary>Records an approver's verdict and its label; false when the case already had one. The edge delivers an approved action.</summary>
    public static async Task<bool> ApproveAsync(IRungStore store, UseCaseDefinition useCase, DecisionRecord decision, Approval approval, CancellationToken cancellationToken)
    {
        if (!(await store.AppendApprovalsAsync([approval], cancellationToken).ConfigureAwait(false))[0])
        {
            return false;
        }

        var proposed = decision.Proposal.Action.Name;
        var correct = approval.Verdict == Verdict.Approved ? proposed : approval.CorrectAction ?? "(rejected)";
        await LabelAsync(store, useCase, [new Outcome(approval.CaseId, OutcomeSource.ApproverVerdict, correct, approval.At, approval.Approver, approval.Reason)], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Resolves an exception item and labels its case; false when it was already resolved.</summary>
    public static async Task<bool> ResolveAsync(IRungStore store, UseCaseDefinition useCase, ExceptionResolution resolution, CancellationToken cancellationToken)
    {
        if (!(await store.ResolveExceptionsAsync([resolution], cancellationToken).ConfigureAwait(false))[0])
        {
            return false;
        }

        await LabelAsync(store, useCase, [new Outcome(resolution.CaseId, OutcomeSource.ExceptionDecision, resolution.Action, resolution.At, resolution.ResolvedBy)], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Stores labels of an edge agent's cases, judged against each case's proposal, in one transaction. They count
    /// in the server's gates; the edge's own SLO window does not see them.
    /// </summary>
    public static async Task<IReadOnlyList<OutcomeResult>> LabelAsync(IRungStore store, UseCaseDefinition useCase, IReadOnlyList<Outcome> outcomes, CancellationToken cancellationToken)
    {
        var judge = new OutcomeJudge(useCase.Agent.ErrorSeverity);
        var stored = new List<StoredOutcome>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            var decision = await store.GetDecisionAsync(outcome.CaseId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException(NotForwarded(useCase.Agent.Id, outcome.CaseId));
            stored.Add(new StoredOutcome(outcome, judge.Judge(decision.Proposal.Action.Name, outcome)));
        }

        var isNew = await store.AppendOutcomesAsync(stored, cancellationToken).ConfigureAwait(false);
        return [.. stored.Select((s, i) => new OutcomeResult(s.Judgement, isNew[i], false, null))];
    }

    /// <summary>The answer to an outcome for a case the edge has not forwarded yet.</summary>
    public static string NotForwarded(string agentId, string caseId) =>
        $"Agent '{agentId}' runs on an edge and case '{caseId}' has not reached this server yet (not forwarded so far, or unknown): nothing was stored; send the outcome again once the edge has forwarded the case.";
}
