using Npgsql;
using Rung.Core.Policy;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The whole batch is validated first; then it is one transaction of two round trips (the decisions, then their
    /// exception items and commits), synced to disk before this returns. Appends hold the write lock shared, so
    /// batches from several servers (and several in one server) commit together; a case id stored by a batch that
    /// commits first makes this batch's row a duplicate. Batches of several hundred records amortise the sync.
    /// </remarks>
    /// <exception cref="ArgumentException">A record has an empty id, a non-finite confidence, or an exception item that does not fit its disposition; nothing is stored.</exception>
    /// <exception cref="InvalidOperationException">A record names an unknown agent; nothing of the batch is stored.</exception>
    public async Task<IReadOnlyList<AppendResult>> AppendDecisionsAsync(IReadOnlyList<DecisionRecord> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        DecisionValidator.Validate(batch);

        return await SharedWriteAsync<IReadOnlyList<AppendResult>>(
            async transaction =>
            {
                await EnsureAgentsKnownAsync(transaction, batch, cancellationToken);
                using var json = new JournalJsonWriter();
                return await new PgDecisionWriter(json).WriteAllAsync(transaction, batch, cancellationToken);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DecisionRecord?> GetDecisionAsync(string caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DecisionRows.Columns} FROM {DecisionRows.From} WHERE d.case_id = @case_id;";
        command.Add("@case_id", caseId);
        var rows = await DecisionRows.ReadAllAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<long> CountDecisionsAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM decisions WHERE agent_id = @agent_id;";
        command.Add("@agent_id", agentId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<DecisionRecord?> GetLatestDecisionAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DecisionRows.Columns} FROM {DecisionRows.From} WHERE d.agent_id = @agent_id ORDER BY d.occurred_at DESC, d.id DESC LIMIT 1;";
        command.Add("@agent_id", agentId);
        var rows = await DecisionRows.ReadAllAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DecisionRecord>> GetPendingApprovalsAsync(string agentId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {DecisionRows.Columns}
            FROM pending_drafts q JOIN decisions d ON d.id = q.decision_id LEFT JOIN exception_items x ON x.case_id = d.case_id
            WHERE q.agent_id = @agent_id
              AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.case_id = d.case_id)
            ORDER BY q.decided_at, q.decision_id
            LIMIT @limit;
            """;
        command.Add("@agent_id", agentId);
        command.Add("@limit", limit);
        return await DecisionRows.ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Fails the batch before it starts when it names an agent that is not stored.</summary>
    private async Task EnsureAgentsKnownAsync(NpgsqlTransaction transaction, IReadOnlyList<DecisionRecord> batch, CancellationToken cancellationToken)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var agentId = batch[i].Case.AgentId;
            if (_knownAgents.ContainsKey(agentId))
            {
                continue;
            }

            // Another process sharing the database may have created it since this store last looked.
            await using var command = WriteCommand(transaction, "SELECT 1 FROM agents WHERE agent_id = @agent_id;");
            command.Add("@agent_id", agentId);
            if (await command.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new InvalidOperationException(
                    $"Decision batch entry {i} (case '{batch[i].Case.CaseId}') is for unknown agent '{agentId}'; create the agent first. Nothing of the batch was stored.");
            }

            _knownAgents.TryAdd(agentId, true);
        }
    }
}
