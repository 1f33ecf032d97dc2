using Npgsql;
using Rung.Core.Exceptions;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
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
    /// <remarks>Who resolved it is kept in the <c>resolved_by</c> column; the item's assignee is left as it was.</remarks>
    /// <exception cref="ArgumentException">A case id, resolver or resolution is empty.</exception>
    public Task<IReadOnlyList<bool>> ResolveExceptionsAsync(IReadOnlyList<ExceptionResolution> resolutions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolutions);
        foreach (var r in resolutions)
        {
            ArgumentNullException.ThrowIfNull(r);
            ValidateResolution(r.CaseId, r.ResolvedBy, r.Action);
        }

        return WriteAsync<IReadOnlyList<bool>>(transaction => [.. resolutions.Select(r => ResolveException(transaction, r.CaseId, r.ResolvedBy, r.Action, r.At))], cancellationToken);
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
