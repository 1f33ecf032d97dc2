using Npgsql;
using Rung.Core.Proposals;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingAction>> GetUndeliveredActionsAsync(string agentId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT case_id, agent_id, action_name, action_target, action_value, committed_at
            FROM committed_actions
            WHERE agent_id = @agent_id AND delivered_at IS NULL
            ORDER BY committed_at, case_id
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

    /// <inheritdoc />
    /// <remarks>
    /// Holds the write lock shared, like appends: a mark is a conditional update (<c>delivered_at IS NULL</c>), so of
    /// two marks of one action running at once exactly one reports it newly marked.
    /// </remarks>
    public Task<IReadOnlyList<bool>> MarkActionsDeliveredAsync(IReadOnlyList<string> caseIds, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        foreach (var caseId in caseIds)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        }

        return SharedWriteAsync<IReadOnlyList<bool>>(async transaction => await MarkActionsDeliveredAsync(transaction, caseIds, at, cancellationToken), cancellationToken);
    }

    // One round trip for the whole batch: this runs after every batch of commits (and every edge batch), on the hot
    // path. Rows are updated in PgRowOrder, so two marks running at once cannot deadlock on each other's rows.
    private static async Task<bool[]> MarkActionsDeliveredAsync(NpgsqlTransaction transaction, IReadOnlyList<string> caseIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var result = new bool[caseIds.Count];
        if (caseIds.Count == 0)
        {
            return result;
        }

        var order = PgRowOrder.ByCaseId(caseIds.Count, i => caseIds[i]);
        await using (var updates = new NpgsqlBatch(transaction.Connection, transaction))
        {
            var stamp = DbTime.ToDb(at);
            foreach (var i in order)
            {
                var update = new NpgsqlBatchCommand("UPDATE committed_actions SET delivered_at = @at WHERE case_id = @case_id AND delivered_at IS NULL;");
                update.Parameters.AddWithValue("case_id", caseIds[i]);
                update.Parameters.AddWithValue("at", stamp);
                updates.BatchCommands.Add(update);
            }

            await updates.ExecuteNonQueryAsync(cancellationToken);
            for (var k = 0; k < order.Length; k++)
            {
                result[order[k]] = updates.BatchCommands[k].RecordsAffected == 1;
            }
        }

        for (var i = 0; i < caseIds.Count; i++)
        {
            if (!result[i])
            {
                await using var exists = WriteCommand(transaction, "SELECT 1 FROM committed_actions WHERE case_id = @case_id;");
                exists.Add("@case_id", caseIds[i]);
                if (await exists.ExecuteScalarAsync(cancellationToken) is null)
                {
                    throw new KeyNotFoundException($"Case '{caseIds[i]}' has no committed action to mark delivered.");
                }
            }
        }

        return result;
    }

    /// <inheritdoc />
    /// <remarks>Automatic commits count at their decision time, approved drafts at their approval time.</remarks>
    public async Task<IReadOnlyList<DateTimeOffset>> GetCommitTimesAsync(string agentId, string action, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(action);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT committed_at FROM committed_actions
            WHERE agent_id = @agent_id AND action_name = @action AND committed_at >= @since
            ORDER BY committed_at;
            """;
        command.Add("@agent_id", agentId);
        command.Add("@action", action);
        command.Add("@since", DbTime.ToDb(since));
        var result = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(DbValues.GetTime(reader, 0));
        }

        return result;
    }
}
