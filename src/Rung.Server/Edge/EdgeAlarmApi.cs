using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Edge.Forwarding;
using Rung.Governance.Identity;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Server.Api;
using Rung.Storage.Edge;
using Rung.UseCases;
using static Rung.Server.Api.ApiSchema;

namespace Rung.Server.Edge;

/// <summary>
/// Alarms raised on an edge, forwarded into the server's alarm book of their agent: the owner is paged (pages.jsonl)
/// and <c>rung alarm list</c> and the console show them. Each edge alarm id is applied once. An agent outside the
/// token's zone refuses the whole batch (404) before anything is stored.
/// </summary>
internal static class EdgeAlarmApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("POST", "/api/v1/edge/alarms", "forwardEdgeAlarms", "edge", "Forward alarms raised on an edge into the alarm book of their agents; each alarm id is applied once", ForwardAsync, HasBody: true, Request: "EdgeAlarmBatch", Response: "EdgeAlarmReceipt"),
    ];

    public static IEnumerable<(string Name, JsonObject Schema)> Schemas() =>
    [
        ("EdgeAlarmBatch", Object(Req("edgeId", String()), Req("alarms", Array(Object(
            Req("id", String()), Req("agentId", String()), Req("rule", String()), Req("subject", String()), Req("severity", Enum<AlarmSeverity>()),
            Req("title", String()), Req("evidence", Map(String())), Req("raisedAt", Time())), maxItems: Api.RungApi.MaxBatch)))),
        ("EdgeAlarmReceipt", Object(Req("received", Integer()), Req("raised", Integer()))),
    ];

    private static async Task<ApiResult> ForwardAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        EdgeModelApi.RequireEdgeToken(request);
        var configs = await EdgeModelApi.VisibleConfigsAsync(request, cancellationToken).ConfigureAwait(false);
        if (configs.Count == 0)
        {
            // A token whose zone holds no agent published to edges learns nothing, not even which field is wrong.
            throw ApiProblemException.NotFound("No agent is published to edges in the token's zone.");
        }

        var edgeId = request.Body.TryGetProperty("edgeId", out var e) && e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString())
            ? e.GetString()!
            : throw ApiProblemException.BadField("edgeId", "is required text.");
        if (!request.Body.TryGetProperty("alarms", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > Api.RungApi.MaxBatch)
        {
            throw ApiProblemException.BadField("alarms", $"must be an array of at most {Api.RungApi.MaxBatch} alarms.");
        }

        var alarms = new List<EdgeAlarmRecord>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            alarms.Add(Read(item, $"alarms[{i++}]"));
        }

        foreach (var agentId in alarms.Select(a => a.AgentId).Distinct(StringComparer.Ordinal))
        {
            var config = configs.FirstOrDefault(c => c.AgentId == agentId) ?? throw ApiProblemException.NotFound($"No agent '{agentId}'.");
            await request.AuthorizeAsync(Operation.LabelCase, config.Scope, hideOutOfZone: true, $"No agent '{agentId}'.", cancellationToken).ConfigureAwait(false);
        }

        var store = request.Services.Store;
        var now = request.Services.Time.GetUtcNow();
        var raised = 0;
        foreach (var group in alarms.GroupBy(a => a.AgentId, StringComparer.Ordinal))
        {
            var config = configs.First(c => c.AgentId == group.Key);
            await EdgeIngest.EnsureAgentAsync(store, config, Stage.Shadow, now, cancellationToken).ConfigureAwait(false);
            var useCase = UseCaseLoader.Load(config.UseCaseYaml, $"published configuration of {config.AgentId}").Definition;
            var center = new AlarmCenter(useCase, store, new Notifier([new FileChannel(Path.Combine(request.Services.DataFolder, "pages.jsonl"))]), request.Services.Time);
            raised += await EdgeAlarmIngest.ApplyAsync(store, center, edgeId, [.. group], cancellationToken).ConfigureAwait(false);
        }

        return ApiResult.Ok(new JsonObject { ["received"] = alarms.Count, ["raised"] = raised });
    }

    private static EdgeAlarmRecord Read(JsonElement item, string where)
    {
        EdgeAlarmRecord? alarm;
        try
        {
            alarm = item.Deserialize<EdgeAlarmRecord>(Json);
        }
        catch (JsonException ex)
        {
            throw ApiProblemException.BadField(where, $"is not an edge alarm ({ex.Message}).");
        }

        if (alarm is null || string.IsNullOrWhiteSpace(alarm.Id) || string.IsNullOrWhiteSpace(alarm.AgentId) || string.IsNullOrWhiteSpace(alarm.Rule)
            || alarm.Subject is null || string.IsNullOrWhiteSpace(alarm.Title) || alarm.Evidence is null || alarm.RaisedAt == default)
        {
            throw ApiProblemException.BadField(where, "needs id, agentId, rule, subject, severity, title, evidence and raisedAt.");
        }

        return alarm;
    }
}
