using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Server.Data;
using Rung.Server.Security;
using Rung.Storage.Audit;

namespace Rung.Server.Hosting;

/// <summary>
/// <c>GET /audit/export</c>: the audit trail and signatures as CSV or JSON, with the verification of the whole
/// trail on top (<see cref="AuditExporter"/>). Needs <see cref="Operation.ExportAudit"/> over every zone; each
/// export is itself audited.
/// </summary>
internal static class AuditExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/audit/export", ExportAsync).RequireAuthorization(nameof(Operation.ExportAudit));

    private static async Task<Results<FileContentHttpResult, BadRequest<string>, ForbidHttpResult>> ExportAsync(
        HttpContext context,
        [FromQuery(Name = "format")] string? format,
        [FromQuery(Name = "recordType")] string? recordType,
        [FromQuery(Name = "recordId")] string? recordId,
        [FromQuery(Name = "person")] string? person,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        ConsoleGate gate,
        AuditReader reader,
        IAuditStore audit,
        CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrEmpty(format) ? "json" : format;
        if (kind is not ("csv" or "json"))
        {
            return TypedResults.BadRequest($"format: '{format}' is not csv or json.");
        }

        if (!TryTime(from, out var fromTime) || !TryTime(to, out var toTime))
        {
            return TypedResults.BadRequest($"from/to: '{(TryTime(from, out _) ? to : from)}' is not an ISO 8601 time such as 2026-01-05T08:00:00Z.");
        }

        Rung.Governance.Identity.Session session;
        try
        {
            session = await gate.AuthorizeAsync(ConsoleClaims.SessionIdOf(context.User), Operation.ExportAudit, Zones.Everywhere, cancellationToken).ConfigureAwait(false);
        }
        catch (ConsoleDeniedException)
        {
            return TypedResults.Forbid();
        }

        var query = new AuditQuery(Blank(recordType), Blank(recordId), Blank(person), fromTime, toTime);
        var verification = await reader.VerifyAsync(cancellationToken).ConfigureAwait(false);
        var (entries, signatures) = await reader.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        if (kind == "csv")
        {
            await using var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true);
            await AuditExporter.WriteCsvAsync(writer, verification, entries, signatures, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await AuditExporter.WriteJsonAsync(buffer, verification, query, entries, signatures, cancellationToken).ConfigureAwait(false);
        }

        await audit.AppendAuditAsync(
            new AuditDraft(session.UserId, AuditRecordTypes.Audit, "trail", "export", null, null,
                string.Create(CultureInfo.InvariantCulture, $"{kind} export of {entries.Count} entries and {signatures.Count} signatures from the console; {verification.Summary}")),
            cancellationToken).ConfigureAwait(false);
        return TypedResults.File(buffer.ToArray(), kind == "csv" ? "text/csv; charset=utf-8" : "application/json", $"rung-audit.{kind}");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
