using System.Text.Json.Nodes;
using Rung.Core.Alarms;
using Rung.Governance.Identity;
using Rung.Storage.Audit;

namespace Rung.Server.Api;

/// <summary>Alarms in the caller's zones, newest first, and acknowledging one.</summary>
internal static class AlarmsApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/alarms", "listAlarms", "alarms", "Alarms of the agents in the caller's zones, newest first", ListAsync, Query: ["agentId", "active", "cursor", "limit"], Response: "AlarmPage"),
        new("POST", "/api/v1/alarms/{alarmId}/acknowledge", "acknowledgeAlarm", "alarms", "Take an alarm: it stops escalating", AcknowledgeAsync, HasBody: true, Retryable: true, Request: "AcknowledgeRequest", Response: "Alarm"),
    ];

    private static async Task<ApiResult> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var page = ApiPage.From(request);
        if (!Permissions.AllowsAny(request.Principal.Roles, Operation.ViewDashboard))
        {
            throw new ApiProblemException(403, "Forbidden", "None of the caller's roles may view alarms.");
        }

        var activeText = request.Query("active") ?? "true";
        if (!bool.TryParse(activeText, out var activeOnly))
        {
            throw ApiProblemException.BadField("active", $"must be true or false; got '{activeText}'.");
        }

        var agentId = request.Query("agentId") is { Length: > 0 } a ? a : null;
        var scopes = (await request.Services.Store.GetAgentsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(x => x.AgentId, x => x.Scope, StringComparer.Ordinal);
        if (agentId is not null && (!scopes.TryGetValue(agentId, out var scope) || !Zones.AnyCovers(request.Principal.Zones, scope)))
        {
            throw ApiProblemException.NotFound($"No agent '{agentId}'.");
        }

        var alarms = await request.Services.Store.GetAlarmsAsync(agentId, activeOnly, RungApi.AlarmScanLimit, cancellationToken).ConfigureAwait(false);
        var visible = alarms.Where(x => Visible(request.Principal, scopes, x.AgentId)).ToList();
        return ApiResult.Ok(page.Slice(visible, x => ApiJson.Alarm(x)));
    }

    private static async Task<ApiResult> AcknowledgeAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var id = request.Route("alarmId");
        var what = $"No alarm '{id}'.";
        var alarm = await request.Services.Store.GetAlarmAsync(id, cancellationToken).ConfigureAwait(false) ?? throw ApiProblemException.NotFound(what);
        var agent = await request.Services.Store.GetAgentAsync(alarm.AgentId, cancellationToken).ConfigureAwait(false);
        await request.AuthorizeAsync(Operation.AcknowledgeAlarm, agent?.Scope ?? Zones.Everywhere, hideOutOfZone: true, what, cancellationToken).ConfigureAwait(false);
        var validation = new ApiValidation();
        ApiFields.OnlyKnown(request.Body, string.Empty, validation, "comment");
        var comment = ApiFields.Text(request.Body, "comment", string.Empty, validation, required: false, ApiFields.MaxTextLength);
        validation.ThrowIfInvalid();
        if (alarm.State != AlarmState.Open)
        {
            throw ApiProblemException.Conflict($"Alarm '{id}' is {alarm.State}; only an open alarm is acknowledged.");
        }

        var acknowledged = AlarmBook.Acknowledge(alarm, request.Principal.Id, comment, request.Services.Time.GetUtcNow()).Alarm;
        await request.Services.Store.SaveAlarmsAsync([acknowledged], cancellationToken).ConfigureAwait(false);
        await request.Services.Audit.AppendAuditAsync(
            new AuditDraft(request.Principal.Id, "alarm", alarm.Id, "acknowledge", CanonicalJson.Serialize(new JsonObject { ["state"] = alarm.State.ToString() }), CanonicalJson.Serialize(new JsonObject { ["state"] = acknowledged.State.ToString() }), comment ?? "acknowledged through the API"),
            cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(ApiJson.Alarm(acknowledged));
    }

    private static bool Visible(Principal principal, Dictionary<string, string> scopes, string agentId) =>
        scopes.TryGetValue(agentId, out var scope) ? Zones.AnyCovers(principal.Zones, scope) : principal.Zones.Contains(Zones.Everywhere);
}
