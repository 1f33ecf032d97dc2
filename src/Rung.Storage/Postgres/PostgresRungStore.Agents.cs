using Npgsql;
using Rung.Core.Ladder;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The ids are empty, the change is for another agent, is not an Initial change, or its target is not the agent's stage.</exception>
    public Task<AgentRecord> EnsureAgentAsync(AgentRecord agent, StageChange initial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent.AgentId, nameof(agent));
        if (initial.AgentId != agent.AgentId)
        {
            throw new ArgumentException($"The initial stage change is for agent '{initial.AgentId}', not '{agent.AgentId}'.", nameof(initial));
        }

        if (initial.Kind != StageChangeKind.Initial || initial.To != agent.Stage)
        {
            throw new ArgumentException(
                $"Agent '{agent.AgentId}' must be created with an Initial stage change to its stage {agent.Stage}; got a {initial.Kind} change to {initial.To}.",
                nameof(initial));
        }

        return WriteAsync(
            transaction =>
            {
                var existing = ReadAgent(transaction, agent.AgentId);
                if (existing is not null)
                {
                    _knownAgents.TryAdd(existing.AgentId, true);
                    return existing;
                }

                using (var insert = WriteCommand(transaction, """
                    INSERT INTO agents (agent_id, use_case_id, scope, stage, stage_since, definition_json)
                    VALUES (@agent_id, @use_case_id, @scope, @stage, @since, @definition);
                    """))
                {
                    insert.Add("@agent_id", agent.AgentId);
                    insert.Add("@use_case_id", agent.UseCaseId);
                    insert.Add("@scope", agent.Scope);
                    insert.Add("@stage", (int)initial.To);
                    insert.Add("@since", DbTime.ToDb(initial.At));
                    insert.Add("@definition", agent.DefinitionJson);
                    insert.ExecuteNonQuery();
                }

                InsertStageChange(transaction, initial);
                AppendAudit(transaction, RegulatedAudit.AgentCreated(agent, initial));
                _knownAgents.TryAdd(agent.AgentId, true);
                return agent with { Stage = initial.To, StageSince = initial.At };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgentRecord>> GetAgentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AgentRows.AgentColumns} FROM agents ORDER BY agent_id;";
        var result = new List<AgentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(AgentRows.ReadAgent(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<AgentRecord?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AgentRows.AgentColumns} FROM agents WHERE agent_id = @agent_id;";
        command.Add("@agent_id", agentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? AgentRows.ReadAgent(reader) : null;
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The agent is unknown.</exception>
    /// <exception cref="InvalidOperationException">The change starts from a stage other than the agent's current one (another change came first).</exception>
    /// <remarks>The change and its audit entry (actor, reason, old and new stage) are stored in one transaction.</remarks>
    public Task AppendStageChangeAsync(StageChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.AgentId, nameof(change));
        ArgumentNullException.ThrowIfNull(change.Evidence);

        return WriteAsync(
            transaction =>
            {
                var agent = ReadAgent(transaction, change.AgentId)
                    ?? throw new KeyNotFoundException($"Stage change for unknown agent '{change.AgentId}'.");
                ApplyStageChange(transaction, agent, change);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StageChange>> GetStageHistoryAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await ReadStageHistoryAsync(connection, null, agentId, cancellationToken);
    }

    private static async Task<IReadOnlyList<StageChange>> ReadStageHistoryAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string agentId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {AgentRows.StageChangeColumns} FROM stage_changes WHERE agent_id = @agent_id ORDER BY at, id;";
        command.Add("@agent_id", agentId);
        var result = new List<StageChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(AgentRows.ReadStageChange(reader));
        }

        return result;
    }

    private static AgentRecord? ReadAgent(NpgsqlTransaction transaction, string agentId)
    {
        using var command = WriteCommand(transaction, $"SELECT {AgentRows.AgentColumns} FROM agents WHERE agent_id = @agent_id;");
        command.Add("@agent_id", agentId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? AgentRows.ReadAgent(reader) : null;
    }

    /// <summary>
    /// Moves the agent to the change's target inside <paramref name="transaction"/>: the history row, its audit entry
    /// and the agent's current stage, so every path that changes a stage (a demotion, a gate decision) is audited alike.
    /// </summary>
    private void ApplyStageChange(NpgsqlTransaction transaction, AgentRecord agent, StageChange change)
    {
        // Refusing a stale From keeps two concurrent changes (a demotion racing a promotion) from both applying.
        if (agent.Stage != change.From)
        {
            throw new InvalidOperationException(
                $"Stage change of agent '{change.AgentId}' is from {change.From}, but the agent is on {agent.Stage}; nothing was changed.");
        }

        InsertStageChange(transaction, change);
        AppendAudit(transaction, RegulatedAudit.StageChanged(change));
        using var update = WriteCommand(transaction, "UPDATE agents SET stage = @stage, stage_since = @since WHERE agent_id = @agent_id;");
        update.Add("@stage", (int)change.To);
        update.Add("@since", DbTime.ToDb(change.At));
        update.Add("@agent_id", change.AgentId);
        update.ExecuteNonQuery();
    }

    private void InsertStageChange(NpgsqlTransaction transaction, StageChange change)
    {
        using var insert = WriteCommand(transaction, """
            INSERT INTO stage_changes (agent_id, from_stage, to_stage, kind, at, actor, reason, evidence_json)
            VALUES (@agent_id, @from, @to, @kind, @at, @actor, @reason, @evidence);
            """);
        insert.Add("@agent_id", change.AgentId);
        insert.Add("@from", (int)change.From);
        insert.Add("@to", (int)change.To);
        insert.Add("@kind", (int)change.Kind);
        insert.Add("@at", DbTime.ToDb(change.At));
        insert.Add("@actor", change.Actor);
        insert.Add("@reason", change.Reason);
        insert.Add("@evidence", _json.Texts(change.Evidence));
        insert.ExecuteNonQuery();
    }
}
