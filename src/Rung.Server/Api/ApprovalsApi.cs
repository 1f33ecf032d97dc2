using System.Text.Json.Nodes;
using Rung.Core.Approvals;
using Rung.Core.Policy;
using Rung.Governance.Identity;

namespace Rung.Server.Api;

/// <summary>Approvers' verdicts on drafted actions: list what waits, approve, reject with a reason.</summary>
internal static class ApprovalsApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/agents/{agentId}/approvals", "listPendingApprovals", "approvals", "Cases waiting for an approver, oldest first", ListAsync, Query: ["cursor", "limit"], Response: "DecisionPage"),
        new("POST", "/api/v1/agents/{agentId}/cases/{caseId}/approve", "approveCase", "approvals", "Approve a drafted action: it is committed and delivered", (r, c) => DecideAsync(r, Verdict.Approved, c), HasBody: true, Retryable: true, Request: "ApproveRequest", Response: "Verdict"),
        new("POST", "/api/v1/agents/{agentId}/cases/{caseId}/reject", "rejectCase", "approvals", "Reject a drafted action with a reason", (r, c) => DecideAsync(r, Verdict.Rejected, c), HasBody: true, Retryable: true, Request: "RejectRequest", Response: "Verdict"),
    ];

    private static async Task<ApiResult> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var page = ApiPage.From(request);
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        var pending = await request.Services.Store.GetPendingApprovalsAsync(agent.AgentId, (int)Math.Min(page.Position + page.Limit + 1, int.MaxValue), cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(page.Slice(pending, d => ApiJson.Decision(d)));
    }

    private static async Task<ApiResult> DecideAsync(ApiRequest request, Verdict verdict, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(verdict == Verdict.Approved ? Operation.ApproveCase : Operation.RejectCase, cancellationToken).ConfigureAwait(false);
        // An edge agent's verdict is recorded here and carried out on its edge (Edge/EdgeVerdicts).
        var edge = await Edge.EdgeVerdicts.PublishedUseCaseAsync(request.Services.Store, agent.AgentId, cancellationToken).ConfigureAwait(false);
        var useCase = edge ?? request.Services.Agents.Definition(agent.AgentId)
            ?? throw ApiProblemException.Conflict($"Agent '{agent.AgentId}' is not run by this server: start `rung serve` with its use case (--usecase FILE).");
        var validation = new ApiValidation();
        ApiFields.OnlyKnown(request.Body, string.Empty, validation, "reason", "correctAction");
        var reason = ApiFields.Text(request.Body, "reason", string.Empty, validation, required: verdict == Verdict.Rejected, ApiFields.MaxTextLength);
        var correct = ApiFields.Text(request.Body, "correctAction", string.Empty, validation, required: false);
        if (correct is not null && verdict == Verdict.Approved)
        {
            validation.Add("correctAction", "only a rejection names another action.");
        }
        else if (correct is not null && !useCase.Agent.Actions.Any(a => a.Name == correct))
        {
            validation.Add("correctAction", $"'{correct}' is not an action of agent '{agent.AgentId}' ({string.Join(", ", useCase.Agent.Actions.Select(a => a.Name))}).");
        }

        validation.ThrowIfInvalid();
        var decision = await request.CaseAsync(agent, cancellationToken).ConfigureAwait(false);
        if (decision.Decision.Disposition != Disposition.PendingApproval)
        {
            throw ApiProblemException.Conflict($"Case '{decision.Case.CaseId}' is {decision.Decision.Disposition}, not PendingApproval: there is no draft to decide.");
        }

        var approval = new Approval(decision.Case.CaseId, request.Principal.Id, verdict, request.Services.Time.GetUtcNow(), reason, correct);
        var isNew = edge is not null
            ? await Edge.EdgeVerdicts.ApproveAsync(request.Services.Store, edge, decision, approval, cancellationToken).ConfigureAwait(false)
            : (await request.Services.Agents.RunAsync(agent.AgentId, r => r.ApproveAsync([approval], cancellationToken), cancellationToken).ConfigureAwait(false))[0];
        if (!isNew)
        {
            throw ApiProblemException.Conflict($"Case '{decision.Case.CaseId}' already has a verdict.");
        }

        return ApiResult.Ok(new JsonObject
        {
            ["caseId"] = approval.CaseId,
            ["verdict"] = verdict.ToString(),
            ["approver"] = approval.Approver,
            ["at"] = ApiJson.Time(approval.At),
            ["reason"] = reason,
            ["correctAction"] = correct,
            ["committedAction"] = verdict == Verdict.Approved ? decision.Proposal.Action.Name : null,
        });
    }
}
