using Npgsql;
using Rung.Core.Proposals;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IConsoleQueries
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The case id or assignee is empty.</exception>
    public Task<bool> AssignExceptionAsync(string caseId, string assignee, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        return WriteAsync(transaction => AssignException(transaction, caseId, assignee), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingAction>> GetRecentCommitsAsync(string agentId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT case_id, agent_id, action_name, action_target, action_value, committed_at
            FROM committed_actions
            WHERE agent_id = @agent_id
            ORDER BY committed_at DESC, case_id DESC
            LIMIT @limit;
            """;
        command.Add("@agent_id", agentId);
        command.Add("@limit", limit);
        var result = new List<PendingAction>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var action = new ProposedAction(reader.GetString(2), DbValues.GetNullableString(reader, 3), DbValues.GetNullableDouble(reader, 4));
            result.Add(new PendingAction(reader.GetString(0), reader.GetString(1), action, DbValues.GetTime(reader, 5)));
        }

        return result;
    }

    private static bool AssignException(NpgsqlTransaction transaction, string caseId, string assignee)
    {
        using var update = WriteCommand(transaction, "UPDATE exception_items SET assigned_to = @assignee WHERE case_id = @case_id AND resolved_at IS NULL;");
        update.Add("@case_id", caseId);
        update.Add("@assignee", assignee);
        if (update.ExecuteNonQuery() == 1)
        {
            return true;
        }

        using var exists = WriteCommand(transaction, "SELECT 1 FROM exception_items WHERE case_id = @case_id;");
        exists.Add("@case_id", caseId);
        return exists.ExecuteScalar() is not null
            ? false
            : throw new KeyNotFoundException($"Case '{caseId}' has no exception item to assign.");
    }
}
