using System.Text.Json.Nodes;
using Rung.Governance.Identity;

namespace Rung.Server.Api;

/// <summary>Agents: list (only those in the caller's zones), one, and its status with stage and SLO.</summary>
internal static class AgentsApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/agents", "listAgents", "agents", "Agents in the caller's zones, by id", ListAsync, Query: ["cursor", "limit"], Response: "AgentPage"),
        new("GET", "/api/v1/agents/{agentId}", "getAgent", "agents", "One agent", GetAsync, Response: "AgentDetail"),
        new("GET", "/api/v1/agents/{agentId}/status", "getAgentStatus", "agents", "Stage, SLO, queues and active alarms of one agent", StatusAsync, Response: "AgentStatus"),
    ];

    private static async Task<ApiResult> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var page = ApiPage.From(request);
        if (!Permissions.AllowsAny(request.Principal.Roles, Operation.ViewDashboard))
        {
            throw new ApiProblemException(403, "Forbidden", "None of the caller's roles may view agents.");
        }

        var agents = await request.Services.Store.GetAgentsAsync(cancellationToken).ConfigureAwait(false);
        var visible = agents.Where(a => Zones.AnyCovers(request.Principal.Zones, a.Scope)).ToList();
        return ApiResult.Ok(page.Slice(visible, a => ApiJson.Agent(a)));
    }

    private static async Task<ApiResult> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        var json = ApiJson.Agent(agent);
        json["runByServer"] = request.Services.Agents.Definition(agent.AgentId) is not null;
        return ApiResult.Ok(json);
    }

    private static async Task<ApiResult> StatusAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agent = await request.AgentAsync(Operation.ViewDashboard, cancellationToken).ConfigureAwait(false);
        var store = request.Services.Store;
        const int QueueCap = 10_000;
        var pending = await store.GetPendingApprovalsAsync(agent.AgentId, QueueCap, cancellationToken).ConfigureAwait(false);
        var exceptions = await store.GetOpenExceptionsAsync(agent.AgentId, QueueCap, cancellationToken).ConfigureAwait(false);
        var alarms = await store.GetAlarmsAsync(agent.AgentId, activeOnly: true, QueueCap, cancellationToken).ConfigureAwait(false);
        var json = ApiJson.Agent(agent);
        json["decisions"] = await store.CountDecisionsAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
        json["pendingApprovals"] = pending.Count;
        json["openExceptions"] = exceptions.Count;
        json["oldestExceptionDueAt"] = exceptions.Count > 0 ? ApiJson.Time(exceptions.Min(e => e.DueAt)) : null;
        json["activeAlarms"] = alarms.Count;
        if (request.Services.Agents.Definition(agent.AgentId) is { } useCase)
        {
            var slo = await request.Services.Agents.RunAsync(agent.AgentId, r => Task.FromResult((r.Slo, r.Stage, r.StageSince)), cancellationToken).ConfigureAwait(false);
            json["stage"] = slo.Stage.ToString();
            json["stageSince"] = ApiJson.Time(slo.StageSince);
            json["slo"] = new JsonObject
            {
                ["health"] = slo.Slo.Health.ToString(),
                ["labelled"] = slo.Slo.Labelled,
                ["correct"] = slo.Slo.Correct,
                ["rollingAccuracy"] = slo.Slo.RollingAccuracy,
                ["windowFull"] = slo.Slo.WindowFull,
                ["highSeverityErrors"] = slo.Slo.HighSeverityErrors,
                ["accuracyFloor"] = useCase.Agent.Slo.AccuracyFloor,
                ["alertLine"] = useCase.Agent.Slo.AlertLine,
                ["window"] = useCase.Agent.Slo.Window,
            };
        }
        else
        {
            json["slo"] = null;
        }

        var monitor = await store.GetAgentStatusAsync(agent.AgentId, cancellationToken).ConfigureAwait(false);
        json["monitor"] = monitor is { } m ? new JsonObject { ["at"] = ApiJson.Time(m.At), ["status"] = JsonNode.Parse(m.Json) } : null;
        return ApiResult.Ok(json);
    }
}
