using Npgsql;
using Rung.Core.Exceptions;
using Rung.Storage.Audit;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IAuditedConsoleWrites
{
    /// <summary>The audit record type of exception-queue items: assigned, or resolved (the same as <see cref="SqliteRungStore.ExceptionAuditType"/>).</summary>
    public const string ExceptionAuditType = SqliteRungStore.ExceptionAuditType;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ExceptionItem>> GetOpenExceptionsAsync(string agentId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ExceptionRows.Columns} FROM exception_items
            WHERE agent_id = @agent_id AND resolved_at IS NULL
            ORDER BY created_at, case_id
            LIMIT @limit;
            """;
        command.Add("@agent_id", agentId);
        command.Add("@limit", limit);
        var result = new List<ExceptionItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ExceptionRows.Read(reader));
        }

        return result;
    }

    /// <inheritdoc />
    /// <remarks>Who resolved it is kept in the <c>resolved_by</c> column; the item's assignee is left as it was. Each
    /// resolution is audited (record type <see cref="ExceptionAuditType"/>, action <c>resolve</c>) in the same
    /// transaction, so a resolution is never stored without its audit entry nor audited without being stored.</remarks>
    /// <exception cref="ArgumentException">A case id, resolver or resolution is empty.</exception>
    public Task<IReadOnlyList<bool>> ResolveExceptionsAsync(IReadOnlyList<ExceptionResolution> resolutions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolutions);
        foreach (var r in resolutions)
        {
            ArgumentNullException.ThrowIfNull(r);
            ValidateResolution(r.CaseId, r.ResolvedBy, r.Action);
        }

        return WriteAsync<IReadOnlyList<bool>>(transaction => [.. resolutions.Select(r => ResolveAndAudit(transaction, r))], cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The case id, assignee or a field of the audit entry is empty.</exception>
    public Task<bool> AssignExceptionAsync(string caseId, string assignee, AuditDraft audit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        ArgumentNullException.ThrowIfNull(audit);
        audit.Validate();
        return WriteAsync(
            transaction =>
            {
                if (!AssignException(transaction, caseId, assignee))
                {
                    return false;
                }

                AppendAudit(transaction, audit);
                return true;
            },
            cancellationToken);
    }

    private bool ResolveAndAudit(NpgsqlTransaction transaction, ExceptionResolution r)
    {
        if (!ResolveException(transaction, r.CaseId, r.ResolvedBy, r.Action, r.At))
        {
            return false;
        }

        AppendAudit(transaction, RegulatedAudit.ExceptionResolved(r));
        return true;
    }

    private static void ValidateResolution(string caseId, string resolvedBy, string resolution)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentException.ThrowIfNullOrWhiteSpace(resolvedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(resolution);
    }

    private static bool ResolveException(NpgsqlTransaction transaction, string caseId, string resolvedBy, string resolution, DateTimeOffset at)
    {
        using var update = WriteCommand(transaction, """
            UPDATE exception_items SET resolved_at = @at, resolution = @resolution, resolved_by = @resolved_by
            WHERE case_id = @case_id AND resolved_at IS NULL;
            """);
        update.Add("@case_id", caseId);
        update.Add("@at", DbTime.ToDb(at));
        update.Add("@resolution", resolution);
        update.Add("@resolved_by", resolvedBy);
        if (update.ExecuteNonQuery() == 1)
        {
            return true;
        }

        using var exists = WriteCommand(transaction, "SELECT 1 FROM exception_items WHERE case_id = @case_id;");
        exists.Add("@case_id", caseId);
        return exists.ExecuteScalar() is not null
            ? false
            : throw new KeyNotFoundException($"Case '{caseId}' has no exception item to resolve.");
    }
}
