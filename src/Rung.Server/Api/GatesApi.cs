using System.Text.Json.Nodes;
using Rung.Core.Ladder;
using Rung.Core.UseCases;
using Rung.Gates;
using Rung.Gates.Evaluation;
using Rung.Gates.Reports;
using Rung.Governance.Identity;
using static Rung.Server.Api.ApiSchema;

namespace Rung.Server.Api;

/// <summary>
/// The go/no-go gate above an agent's rung, computed from stored evidence: evaluate it (each criterion with its
/// evidence), read the full report as the JSON snapshot an approval is given on, and promote on it with the
/// owner's electronic signature. Only for agents this server runs (the gate needs the use case).
/// </summary>
internal static class GatesApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/agents/{agentId}/gate", "evaluateGate", "gates", "Evaluate the gate above the agent's rung now: verdict and each criterion with its evidence", EvaluateAsync, Response: "GateEvaluation"),
        new("GET", "/api/v1/agents/{agentId}/gate/report", "getGateReport", "gates", "The full gate report as the JSON snapshot a promotion is signed on, with its SHA-256", ReportAsync, Response: "GateReportDocument"),
        new("POST", "/api/v1/agents/{agentId}/gate/promote", "promoteAgent", "gates", "Promote the agent one rung on a passed gate, signed Approved by its owner", PromoteAsync, HasBody: true, Retryable: true, Request: "PromoteRequest", Response: "Promotion", Secrets: ["password"]),
    ];

    public static IEnumerable<(string Name, JsonObject Schema)> Schemas() =>
    [
        ("GateEvaluation", Object(
            Req("agentId", String()), Req("useCaseId", String()), Req("owner", String()), Req("stage", Enum<Stage>()), Req("from", Enum<Stage>()), Req("to", Enum<Stage>()),
            Req("evaluatedAt", Time()), Req("passed", Boolean()), Req("verdict", Enum("PASS", "FAIL")), Req("headline", String()), Req("returnTo", Nullable(Enum<Stage>())),
            Req("criteria", Array(Object(
                Req("id", String()), Req("name", String()), Req("passed", Boolean()), Req("summary", String()), Req("returnTo", Enum<Stage>()),
                Req("evidence", Array(Object(Req("name", String()), Req("value", String())))),
                Req("weeks", Array(Object(Req("start", Time()), Req("labelled", Integer()), Req("correct", Integer()), Req("floor", Number()), Req("minLabelled", Integer()))))))),
            Req("readiness", Array(Object(Req("id", String()), Req("name", String()), Req("met", Boolean()), Req("source", String()), Req("detail", String())))))),
        ("GateReportDocument", Object(
            Req("evidenceSha256", String()),
            Req("report", Object(open: true, Req("agent_id", String()), Req("stage", Enum<Stage>()), Req("passed", Boolean()), Req("criteria", Array(Any())), Req("economics", Any()), Req("readiness", Array(Any())))))),
        ("PromoteRequest", Object(Req("userId", String(ApiFields.MaxIdLength)), Req("password", String(ApiFields.MaxTextLength)))),
        ("Promotion", Object(
            Req("agentId", String()), Req("from", Enum<Stage>()), Req("to", Enum<Stage>()), Req("approvedBy", String()), Req("at", Time()),
            Req("evidenceSha256", String()), Req("approvalMethod", String()), Req("reason", String()))),
    ];

    private static async Task<ApiResult> EvaluateAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var (_, report) = await EvaluateGateAsync(request, cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(new JsonObject
        {
            ["agentId"] = report.AgentId,
            ["useCaseId"] = report.UseCaseId,
            ["owner"] = report.Owner,
            ["stage"] = report.Stage.ToString(),
            ["from"] = report.From.ToString(),
            ["to"] = report.To.ToString(),
            ["evaluatedAt"] = ApiJson.Time(report.EvaluatedAt),
            ["passed"] = report.Passed,
            ["verdict"] = report.Verdict,
            ["headline"] = report.Headline,
            ["returnTo"] = report.ReturnTo?.ToString(),
            ["criteria"] = new JsonArray([.. report.Criteria.Select(c => (JsonNode?)Criterion(c))]),
            ["readiness"] = new JsonArray([.. report.Readiness.Select(r => (JsonNode?)new JsonObject { ["id"] = r.Id, ["name"] = r.Name, ["met"] = r.Met, ["source"] = r.Source, ["detail"] = r.Detail })]),
        });
    }

    private static async Task<ApiResult> ReportAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var (_, report) = await EvaluateGateAsync(request, cancellationToken).ConfigureAwait(false);
        var json = GateReportJson.Write(report);
        return ApiResult.Ok(new JsonObject { ["evidenceSha256"] = GateReportJson.Sha256(json), ["report"] = JsonNode.Parse(json) });
    }

    private static async Task<ApiResult> PromoteAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.PromoteStage, cancellationToken).ConfigureAwait(false);
        var validation = new ApiValidation();
        ApiFields.OnlyKnown(request.Body, string.Empty, validation, "userId", "password");
        var signer = ApiSigner.Read(request.Body, validation, withMeaning: false);
        validation.ThrowIfInvalid();
        var services = request.Services;
        var useCase = UseCase(request, agent.AgentId);
        var gates = new GateService(services.Store, services.Gates, services.Time);
        // Alone on the agent: no case is decided on the old stage while the promotion is recorded, and the running
        // runtime decides its next case on the new one.
        return await services.Agents.ChangeAsync(agent.AgentId, () => ApiSigner.WithSignaturesAsync(services, async signatures =>
        {
            var approval = new ApiPromotionApproval(services, signatures, signer!, useCase.Business.Owner, useCase.Agent.Scope);
            try
            {
                var (report, change) = await gates.PromoteAsync(useCase, approval, signer!.UserId, cancellationToken).ConfigureAwait(false);
                return ApiResult.Ok(new JsonObject
                {
                    ["agentId"] = change.AgentId,
                    ["from"] = change.From.ToString(),
                    ["to"] = change.To.ToString(),
                    ["approvedBy"] = change.Actor,
                    ["at"] = ApiJson.Time(change.At),
                    ["evidenceSha256"] = change.Evidence["evidence_sha256"],
                    ["approvalMethod"] = change.Evidence["approval_method"],
                    ["reason"] = change.Reason,
                });
            }
            catch (InvalidOperationException ex)
            {
                throw new ApiProblemException(409, "Gate not passed", ex.Message);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw ApiSigner.Refused(ex.Message);
            }
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(UseCaseDefinition UseCase, GateReport Report)> EvaluateGateAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        var useCase = UseCase(request, agent.AgentId);
        var services = request.Services;
        var report = await new GateService(services.Store, services.Gates, services.Time).EvaluateAsync(useCase, cancellationToken).ConfigureAwait(false);
        return (useCase, report);
    }

    private static UseCaseDefinition UseCase(ApiRequest request, string agentId) =>
        request.Services.Agents.Definition(agentId)
        ?? throw ApiProblemException.Conflict($"Agent '{agentId}' is not run by this server: its gate is computed from its use case; start `rung serve` with it (--usecase FILE).");

    private static JsonObject Criterion(CriterionResult c) => new()
    {
        ["id"] = c.Id,
        ["name"] = c.Name,
        ["passed"] = c.Passed,
        ["summary"] = c.Summary,
        ["returnTo"] = c.ReturnTo.ToString(),
        ["evidence"] = new JsonArray([.. c.Evidence.Select(e => (JsonNode?)new JsonObject { ["name"] = e.Name, ["value"] = e.Value })]),
        ["weeks"] = new JsonArray([.. c.Weeks.Select(w => (JsonNode?)new JsonObject { ["start"] = ApiJson.Time(w.Start), ["labelled"] = w.Labelled, ["correct"] = w.Correct, ["floor"] = w.Floor, ["minLabelled"] = w.MinLabelled })]),
    };
}
