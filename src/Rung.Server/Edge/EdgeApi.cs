using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Core.Ladder;
using Rung.Edge.Forwarding;
using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Governance.Identity;
using Rung.Server.Api;
using Rung.Storage;
using Rung.Storage.Audit;
using Rung.Storage.Edge;
using Rung.Storage.Journal;

namespace Rung.Server.Edge;

/// <summary>
/// The server's side of edges: journal ingest (each case applied once), heartbeats, configuration, stop switches and
/// the health of every edge. An edge's token is bound to its zone: it sees and forwards only agents the zone covers.
/// </summary>
internal static class EdgeApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("POST", "/api/v1/edge/journal", "forwardJournal", "edge", "Forward a batch of an edge's journal; each case is applied once", ForwardAsync, HasBody: true, Request: "EdgeJournalBatch", Response: "EdgeJournalReceipt"),
        new("POST", "/api/v1/edge/heartbeat", "edgeHeartbeat", "edge", "Report an edge's health", HeartbeatAsync, HasBody: true, Request: "EdgeHeartbeat", Response: "EdgeServerTime"),
        new("GET", "/api/v1/edge/config", "edgeConfig", "edge", "The configuration of the agents in the token's zone", ConfigAsync, Response: "EdgeConfiguration"),
        new("GET", "/api/v1/edge/stops", "edgeStops", "edge", "Stop switch events in the token's zone after an id", StopsAsync, Query: ["after"], Response: "EdgeStops"),
        new("POST", "/api/v1/edge/stops", "throwStopSwitch", "edge", "Stop (or restart, with a reason) every AI write of an agent, a line or a site", ThrowAsync, HasBody: true, Request: "EdgeStopRequest", Response: "EdgeStopReceipt"),
        .. EdgeVerdictsApi.Endpoints(),
        new("GET", "/api/v1/edges", "listEdges", "edge", "Every edge's health in the caller's zone", ListAsync, Response: "EdgeHealthList"),
        .. EdgeModelApi.Endpoints(),
    ];

    // The API is mapped on an IRungDataStore, and every data store keeps edges (SQLite and PostgreSQL alike).
    private static IEdgeStore Edges(ApiRequest request) => (IEdgeStore)request.Services.Store;

    private static async Task<ApiResult> ForwardAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        RequireEdgeRole(request);
        var started = Stopwatch.GetTimestamp();
        var edges = Edges(request);
        if (!request.Body.TryGetProperty("entries", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > RungApi.MaxBatch)
        {
            throw ApiProblemException.BadField("entries", $"must be an array of at most {RungApi.MaxBatch} journal entries.");
        }

        // Refuse another zone's agents before reading their entries: a caller outside the zone learns nothing, not
        // even which of its fields are wrong.
        var configs = await edges.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false);
        await RequireZoneOfEachAgentAsync(request, configs, array, cancellationToken).ConfigureAwait(false);
        var storeTicks = Stopwatch.GetTimestamp() - started;

        var entries = new List<JournalEntry>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            try
            {
                entries.Add(JournalWire.Read(item));
            }
            catch (FormatException ex)
            {
                throw ApiProblemException.BadField($"entries[{i}]", ex.Message);
            }

            i++;
        }

        var store = request.Services.Store;
        var now = request.Services.Time.GetUtcNow();
        async Task<AgentRecord?> AgentFor(string agentId, CancellationToken ct)
        {
            var config = configs.FirstOrDefault(c => c.AgentId == agentId);
            var agent = await store.GetAgentAsync(agentId, ct).ConfigureAwait(false) ?? await EdgeIngest.EnsureAgentAsync(store, config, Stage.Shadow, now, ct).ConfigureAwait(false);
            // Every agent id of the batch was authorized before its entries were read.
            return agent ?? throw ApiProblemException.NotFound($"No agent '{agentId}'.");
        }

        var applying = Stopwatch.GetTimestamp();
        var stored = await EdgeIngest.ApplyAsync(store, edges, entries, AgentFor, cancellationToken).ConfigureAwait(false);
        var done = Stopwatch.GetTimestamp();
        EdgeIngestMeter.Add(entries.Count, stored, done - started, storeTicks + (done - applying));
        return ApiResult.Ok(new JsonObject { ["stored"] = stored, ["received"] = entries.Count });
    }

    private static async Task<ApiResult> HeartbeatAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        RequireEdgeRole(request);
        var beat = request.Body.Deserialize<EdgeHeartbeat>(Json)
            ?? throw ApiProblemException.BadField("body", "must be a heartbeat object.");
        if (string.IsNullOrWhiteSpace(beat.EdgeId))
        {
            throw ApiProblemException.BadField("edgeId", "is required.");
        }

        if (beat.SentAt == default)
        {
            throw ApiProblemException.BadField("sentAt", "is required: the edge's clock when it sent the heartbeat (ISO 8601), for the clock skew.");
        }

        if (beat.ModelVersion is null || beat.BufferDepth < 0)
        {
            throw ApiProblemException.BadField(beat.ModelVersion is null ? "modelVersion" : "bufferDepth", beat.ModelVersion is null ? "is required." : "must not be negative.");
        }

        var now = request.Services.Time.GetUtcNow();
        var zone = string.Join(",", request.Principal.Zones);
        await Edges(request).SaveEdgeHealthAsync(new EdgeHealth(beat.EdgeId, zone, now, beat.BufferDepth, beat.ForwardingLag, beat.ModelVersion, beat.SentAt - now, beat.Stopped), cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(new JsonObject { ["serverTime"] = now.ToString("O", CultureInfo.InvariantCulture) });
    }

    private static async Task<ApiResult> ConfigAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var agents = new JsonArray();
        foreach (var config in await Edges(request).GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!Zones.AnyCovers(request.Principal.Zones, config.Scope))
            {
                continue;
            }

            var stage = (await request.Services.Store.GetAgentAsync(config.AgentId, cancellationToken).ConfigureAwait(false))?.Stage ?? Stage.Shadow;
            agents.Add(new JsonObject { ["agentId"] = config.AgentId, ["scope"] = config.Scope, ["version"] = config.Version, ["stage"] = stage.ToString(), ["useCaseYaml"] = config.UseCaseYaml });
        }

        return ApiResult.Ok(new JsonObject { ["agents"] = agents });
    }

    private static async Task<ApiResult> StopsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var after = long.TryParse(request.Query("after"), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
        var configs = await Edges(request).GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false);
        var visible = new JsonArray();
        foreach (var stop in await Edges(request).GetStopsAsync(after, cancellationToken).ConfigureAwait(false))
        {
            var scope = stop.Scope.StartsWith("agent:", StringComparison.Ordinal) ? configs.FirstOrDefault(c => StopSwitch.AgentScope(c.AgentId) == stop.Scope)?.Scope : stop.Scope;
            if (scope is not null && request.Principal.Zones.Any(z => StopSwitch.Covers(z, scope) || StopSwitch.Covers(scope, z)))
            {
                visible.Add(JsonSerializer.SerializeToNode(stop with { RemoteId = stop.Id }, Json));
            }
        }

        return ApiResult.Ok(new JsonObject { ["stops"] = visible });
    }

    private static async Task<ApiResult> ThrowAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (!Permissions.AllowsAny(request.Principal.Roles, Operation.StopAgent))
        {
            throw new ApiProblemException(403, "Forbidden", "The caller's roles may not stop or restart AI writes.");
        }

        var scope = Text(request.Body, "scope");
        var reason = Text(request.Body, "reason");
        var stopped = !request.Body.TryGetProperty("stopped", out var s) || s.ValueKind != JsonValueKind.False;
        var configs = await Edges(request).GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false);
        // An agent is found among those published to edges, or among the agents this server's store knows (the ones
        // `rung serve` runs itself obey the same switch).
        var zone = scope.StartsWith("agent:", StringComparison.Ordinal)
            ? configs.FirstOrDefault(c => StopSwitch.AgentScope(c.AgentId) == scope)?.Scope
                ?? (await request.Services.Store.GetAgentAsync(scope[6..], cancellationToken).ConfigureAwait(false))?.Scope
                ?? throw ApiProblemException.NotFound($"No agent '{scope[6..]}'.")
            : scope;
        await request.AuthorizeAsync(Operation.StopAgent, zone, hideOutOfZone: false, $"No scope '{scope}'.", cancellationToken).ConfigureAwait(false);
        var now = request.Services.Time.GetUtcNow();
        var stop = await Edges(request).AppendStopAsync(new StopEvent(0, scope, stopped, now, request.Principal.Id, reason, "server"), cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(new JsonObject { ["id"] = stop.Id, ["scope"] = scope, ["stopped"] = stopped });
    }

    private static async Task<ApiResult> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var list = new JsonArray();
        foreach (var h in await Edges(request).GetEdgeHealthAsync(cancellationToken).ConfigureAwait(false))
        {
            if (h.Zone.Split(',').Any(z => Zones.AnyCovers(request.Principal.Zones, z)))
            {
                list.Add(new JsonObject
                {
                    ["edgeId"] = h.EdgeId,
                    ["zone"] = h.Zone,
                    ["lastHeartbeat"] = h.LastHeartbeat.ToString("O", CultureInfo.InvariantCulture),
                    ["bufferDepth"] = h.BufferDepth,
                    ["forwardingLagSeconds"] = h.ForwardingLag.TotalSeconds,
                    ["modelVersion"] = h.ModelVersion,
                    ["clockSkewSeconds"] = h.ClockSkew.TotalSeconds,
                    ["stopped"] = h.Stopped,
                });
            }
        }

        return ApiResult.Ok(new JsonObject { ["edges"] = list, ["ingest"] = EdgeIngestMeter.ToJson() });
    }

    private static string Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!
            : throw ApiProblemException.BadField(name, "is required text.");

    /// <summary>An edge forwards cases: its token's roles must allow labelling cases somewhere, before any body is read.</summary>
    private static void RequireEdgeRole(ApiRequest request)
    {
        if (!Permissions.AllowsAny(request.Principal.Roles, Operation.LabelCase))
        {
            throw new ApiProblemException(403, "Forbidden", "Only an edge's token (a role that may label cases) may forward journals or report health.");
        }
    }

    private static async Task RequireZoneOfEachAgentAsync(ApiRequest request, IReadOnlyList<EdgeConfigRecord> configs, JsonElement entries, CancellationToken cancellationToken)
    {
        var agentIds = entries.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("agentId", out var id) && id.ValueKind == JsonValueKind.String)
            .Select(e => e.GetProperty("agentId").GetString()!)
            .Distinct(StringComparer.Ordinal);
        foreach (var agentId in agentIds)
        {
            var scope = (await request.Services.Store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false))?.Scope
                ?? configs.FirstOrDefault(c => c.AgentId == agentId)?.Scope
                ?? throw ApiProblemException.NotFound($"No agent '{agentId}'.");
            await request.AuthorizeAsync(Operation.LabelCase, scope, hideOutOfZone: true, $"No agent '{agentId}'.", cancellationToken).ConfigureAwait(false);
        }
    }
}
