using System.Globalization;
using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Gates.Approval;
using Rung.Gates.Evaluation;
using Rung.Gates.Reports;
using Rung.Storage;
using Rung.Storage.Gates;

namespace Rung.Gates;

/// <summary>
/// Evaluates an agent's gate on stored evidence, promotes it when the gate passed and the owner approved, and
/// demotes it to the stage a failed criterion names. Every decision is stored with its evidence snapshot.
/// </summary>
/// <param name="store">The journal.</param>
/// <param name="gates">The gate store (usually the same object as <paramref name="store"/>).</param>
/// <param name="time">The clock the evaluation runs at.</param>
public sealed class GateService(IRungStore store, IGateStore gates, TimeProvider time)
{
    /// <summary>Evaluates the gate above the agent's current rung, now.</summary>
    public async Task<GateReport> EvaluateAsync(UseCaseDefinition useCase, CancellationToken cancellationToken = default)
    {
        var evidence = await EvidenceCollector.CollectAsync(store, gates, useCase, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return GateEvaluator.Evaluate(useCase, evidence);
    }

    /// <summary>
    /// Promotes the agent one rung when its gate passes now and <paramref name="user"/> approves through
    /// <paramref name="approval"/>; stores the decision, the approval and the snapshot with the stage change.
    /// </summary>
    /// <exception cref="InvalidOperationException">The gate failed (the message names each failed criterion), or the agent is already ProductionOwned.</exception>
    /// <exception cref="UnauthorizedAccessException">The approval was refused.</exception>
    public async Task<(GateReport Report, StageChange Change)> PromoteAsync(UseCaseDefinition useCase, IPromotionApproval approval, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(approval);
        var report = await EvaluateAsync(useCase, cancellationToken).ConfigureAwait(false);
        if (report.Stage == Stage.ProductionOwned)
        {
            throw new InvalidOperationException($"{report.AgentId} is already ProductionOwned, the top rung.");
        }

        if (!report.Passed)
        {
            throw new InvalidOperationException($"{report.AgentId} may not leave {report.From}: {report.Headline}.");
        }

        var json = GateReportJson.Write(report);
        var sha = GateReportJson.Sha256(json);
        var request = new PromotionRequest(report.AgentId, report.From, report.To, sha, $"I approve the promotion of {report.AgentId} from {report.From} to {report.To} on the evidence of the gate report {sha[..12]}.");
        var approved = await approval.ApproveAsync(request, user, cancellationToken).ConfigureAwait(false);
        if (approved.EvidenceSha256 != sha)
        {
            throw new InvalidOperationException($"The approval was given on evidence {approved.EvidenceSha256}, not on the gate report {sha}.");
        }

        var at = time.GetUtcNow();
        var reason = $"gate passed ({report.Criteria.Count} criteria); approved by {approved.User} ({approved.Method})";
        var change = new StageChange(report.AgentId, report.From, report.To, StageChangeKind.Promotion, at, approved.User, reason, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["gate"] = report.Verdict,
            ["evidence_sha256"] = sha,
            ["approved_at"] = approved.At.ToString("O", CultureInfo.InvariantCulture),
            ["approval_method"] = approved.Method,
        });
        var decision = new GateDecision(report.AgentId, at, report.From, report.To, StageChangeKind.Promotion, true, approved.User, approved.At, approved.Method, approved.Reference, reason, sha, json);
        await gates.RecordGateDecisionAsync(decision, change, cancellationToken).ConfigureAwait(false);
        return (report, change);
    }

    /// <summary>
    /// When a criterion of the gate fails now and names a stage below the agent's, demotes the agent to the lowest
    /// such stage, recording which criteria failed and the snapshot. Returns the change, or null when none applies.
    /// </summary>
    public async Task<(GateReport Report, StageChange? Change)> DemoteOnFailureAsync(UseCaseDefinition useCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        var report = await EvaluateAsync(useCase, cancellationToken).ConfigureAwait(false);
        if (report.ReturnTo is not { } target || target >= report.Stage)
        {
            return (report, null);
        }

        var failed = report.Criteria.Where(c => !c.Passed && c.ReturnTo == target).ToList();
        var reason = $"gate criterion failed: {string.Join("; ", failed.Select(c => $"{c.Name}: {c.Summary}"))}";
        var json = GateReportJson.Write(report);
        var sha = GateReportJson.Sha256(json);
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal) { ["gate"] = report.Verdict, ["evidence_sha256"] = sha };
        foreach (var c in failed)
        {
            evidence["criterion." + c.Id] = c.Summary;
        }

        var change = new StageChange(report.AgentId, report.Stage, target, StageChangeKind.Demotion, report.EvaluatedAt, "gate", reason, evidence);
        var decision = new GateDecision(report.AgentId, report.EvaluatedAt, report.Stage, target, StageChangeKind.Demotion, false, null, null, null, null, reason, sha, json);
        await gates.RecordGateDecisionAsync(decision, change, cancellationToken).ConfigureAwait(false);
        return (report, change);
    }
}
