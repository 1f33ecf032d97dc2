using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Rung.Governance.Identity;
using Rung.Server.Api;
using Rung.Storage;
using Rung.Storage.Edge;
using static Rung.Server.Api.ApiSchema;

namespace Rung.Server.Edge;

/// <summary>
/// Verdicts on their way down to edges: an edge fetches the approvals and exception decisions recorded here for its
/// zone's agents, applies them through its runtime and reports what it did, once per case and kind. Until then a
/// verdict is offered again at every fetch, so nothing is lost when the edge or the link fails in between.
/// </summary>
internal static class EdgeVerdictsApi
{
    private const int MaxVerdicts = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/edge/verdicts", "edgeVerdicts", "edge", "Verdicts on the zone's edge cases that no edge has reported on yet", PendingAsync, Response: "EdgeVerdicts"),
        new("POST", "/api/v1/edge/verdicts/results", "edgeVerdictResults", "edge", "What an edge did with verdicts; one result per case and kind is kept", ResultsAsync, HasBody: true, Request: "EdgeVerdictResults", Response: "EdgeJournalReceipt"),
    ];

    public static IEnumerable<(string Name, JsonObject Schema)> Schemas() =>
    [
        ("EdgeVerdicts", Object(Req("verdicts", Array(Object(open: true,
            Req("caseId", String()), Req("agentId", String()), Req("kind", String()), Req("actor", String()), Req("at", Time()),
            Opt("verdict", Nullable(String())), Opt("reason", Nullable(String())), Opt("action", Nullable(String()))))))),
        ("EdgeVerdictResults", Object(Req("results", Array(Object(open: true,
            Req("caseId", String()), Req("kind", String()), Req("edgeId", String()), Req("appliedAt", Time()),
            Opt("deliveredAt", Nullable(Time())), Opt("actionException", Any()), Opt("problem", Nullable(String()))), maxItems: RungApi.MaxBatch)))),
    ];

    private static IEdgeVerdictStore Verdicts(ApiRequest request) =>
        (IEdgeVerdictStore)request.Services.Store;

    private static async Task<ApiResult> PendingAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        RequireEdgeRole(request);
        var verdicts = Verdicts(request);
        var edges = (IEdgeStore)request.Services.Store;
        var list = new List<EdgeVerdict>();
        foreach (var config in await edges.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (list.Count < MaxVerdicts && Zones.AnyCovers(request.Principal.Zones, config.Scope))
            {
                list.AddRange(await verdicts.GetUnsettledEdgeVerdictsAsync(config.AgentId, MaxVerdicts - list.Count, cancellationToken).ConfigureAwait(false));
            }
        }

        return ApiResult.Ok(new JsonObject { ["verdicts"] = JsonSerializer.SerializeToNode(list, Json) });
    }

    private static async Task<ApiResult> ResultsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        RequireEdgeRole(request);
        var verdicts = Verdicts(request);
        if ((await EdgeModelApi.VisibleConfigsAsync(request, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            // A token whose zone holds no agent published to edges learns nothing, not even which field is wrong.
            throw ApiProblemException.NotFound("No agent is published to edges in the token's zone.");
        }

        if (!request.Body.TryGetProperty("results", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > RungApi.MaxBatch)
        {
            throw ApiProblemException.BadField("results", $"must be an array of at most {RungApi.MaxBatch} results.");
        }

        var results = new List<(string AgentId, EdgeVerdictResult Result)>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var field = $"results[{i++}]";
            EdgeVerdictResult? result;
            try
            {
                result = item.Deserialize<EdgeVerdictResult>(Json);
            }
            catch (JsonException ex)
            {
                throw ApiProblemException.BadField(field, ex.Message);
            }

            if (result is null || string.IsNullOrWhiteSpace(result.CaseId) || string.IsNullOrWhiteSpace(result.EdgeId) || !System.Enum.IsDefined(result.Kind))
            {
                throw ApiProblemException.BadField(field, "needs caseId, edgeId and a kind (Approval or Resolution).");
            }

            // Every case is authorized before anything is stored: a result for another zone's case refuses the whole batch.
            var decision = await request.Services.Store.GetDecisionAsync(result.CaseId, cancellationToken).ConfigureAwait(false);
            var agent = decision is null ? null : await request.Services.Store.GetAgentAsync(decision.Case.AgentId, cancellationToken).ConfigureAwait(false);
            if (agent is null)
            {
                throw ApiProblemException.NotFound($"No case '{result.CaseId}'.");
            }

            await request.AuthorizeAsync(Operation.LabelCase, agent.Scope, hideOutOfZone: true, $"No case '{result.CaseId}'.", cancellationToken).ConfigureAwait(false);
            results.Add((agent.AgentId, result));
        }

        var stored = 0;
        foreach (var (agentId, result) in results)
        {
            stored += await verdicts.RecordEdgeVerdictResultAsync(agentId, result, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return ApiResult.Ok(new JsonObject { ["stored"] = stored, ["received"] = results.Count });
    }

    private static void RequireEdgeRole(ApiRequest request)
    {
        if (!Permissions.AllowsAny(request.Principal.Roles, Operation.LabelCase))
        {
            throw new ApiProblemException(403, "Forbidden", "Only an edge's token (a role that may label cases) may fetch verdicts or report on them.");
        }
    }
}
