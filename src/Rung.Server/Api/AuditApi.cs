using System.Text.Json.Nodes;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Storage.Audit;

namespace Rung.Server.Api;

/// <summary>The audit trail: query entries (by sequence, with a cursor) and verify the chain and its checkpoints.</summary>
internal static class AuditApi
{
    public static IEnumerable<ApiEndpoint> Endpoints() =>
    [
        new("GET", "/api/v1/audit", "queryAudit", "audit", "Audit entries matching a filter, oldest first", QueryAsync, Query: ["recordType", "recordId", "actor", "from", "to", "cursor", "limit"], Response: "AuditPage"),
        new("GET", "/api/v1/audit/verify", "verifyAudit", "audit", "Recompute the hash chain and check every signed checkpoint", VerifyAsync, Response: "AuditVerification"),
    ];

    private static async Task<ApiResult> QueryAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var page = ApiPage.From(request);
        var query = new AuditQuery(
            Blank(request.Query("recordType")),
            Blank(request.Query("recordId")),
            Blank(request.Query("actor")),
            Time(request, "from"),
            Time(request, "to"));
        await request.AuthorizeAsync(Operation.ViewAudit, Zones.Everywhere, hideOutOfZone: false, "audit", cancellationToken).ConfigureAwait(false);
        // The cursor is the last sequence seen, so entries appended between pages neither repeat nor go missing. The
        // store reads one entry past the page (to say whether there is more), not the whole trail.
        var newestFirst = await request.Services.Audit.GetAuditPageAsync(query, new AuditPageRequest(After: page.Position, Limit: page.Limit + 1), cancellationToken).ConfigureAwait(false);
        var items = newestFirst.Reverse().ToList();
        var more = items.Count > page.Limit;
        var shown = items.Take(page.Limit).ToList();
        return ApiResult.Ok(ApiPage.Json(shown.Select(e => (JsonNode)ApiJson.Audit(e)), more ? shown[^1].Sequence : null));
    }

    private static async Task<ApiResult> VerifyAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        await request.AuthorizeAsync(Operation.VerifyAudit, Zones.Everywhere, hideOutOfZone: false, "audit", cancellationToken).ConfigureAwait(false);
        var folder = request.Services.DataFolder;
        using var key = ServerKey.LoadForVerification(GovernancePaths.Keys(folder));
        var result = await AuditVerifier.VerifyAsync(request.Services.Audit, key, GovernancePaths.CheckpointFile(folder), cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(new JsonObject
        {
            ["valid"] = result.IsValid,
            ["summary"] = result.Summary,
            ["entriesChecked"] = result.EntriesChecked,
            ["firstSequence"] = result.FirstSequence,
            ["headSequence"] = result.HeadSequence,
            ["checkpointsChecked"] = result.CheckpointsChecked,
            ["problems"] = new JsonArray([.. result.Problems.Select(p => (JsonNode?)new JsonObject { ["kind"] = p.Kind.ToString(), ["sequence"] = p.Sequence, ["message"] = p.Message })]),
        });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static DateTimeOffset? Time(ApiRequest request, string name)
    {
        var text = Blank(request.Query(name));
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at.ToUniversalTime()
            : throw ApiProblemException.BadField(name, $"must be an ISO 8601 time like 2026-03-02T07:00:00Z; got '{text}'.");
    }
}
