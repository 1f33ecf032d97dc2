using System.Globalization;
using Npgsql;
using Rung.Storage.Registry;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IModelRegistryStore
{
    private const string VersionColumns = "agent_id, version, sequence, kind, lineage_json, parent_version, registered_by, registered_at, manifest_sha256, signed_at";

    /// <inheritdoc />
    public Task<ModelVersionRecord> AddModelVersionAsync(ModelVersionDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.AgentId, nameof(draft));
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.RegisteredBy, nameof(draft));
        return WriteAsync(
            transaction =>
            {
                long sequence;
                using (var next = WriteCommand(transaction, "SELECT COALESCE(MAX(sequence), 0) + 1 FROM model_versions WHERE agent_id = @agent;"))
                {
                    next.Add("@agent", draft.AgentId);
                    sequence = Convert.ToInt64(next.ExecuteScalar(), CultureInfo.InvariantCulture);
                }

                var record = new ModelVersionRecord(
                    draft.AgentId, "v" + sequence.ToString(CultureInfo.InvariantCulture), sequence, draft.Kind, draft.LineageJson,
                    draft.ParentVersion, draft.RegisteredBy, draft.RegisteredAt, null, null);
                using (var insert = WriteCommand(transaction, $"INSERT INTO model_versions ({VersionColumns}) VALUES (@agent, @version, @seq, @kind, @lineage, @parent, @by, @at, NULL, NULL);"))
                {
                    insert.Add("@agent", record.AgentId);
                    insert.Add("@version", record.Version);
                    insert.Add("@seq", sequence);
                    insert.Add("@kind", record.Kind);
                    insert.Add("@lineage", record.LineageJson);
                    insert.Add("@parent", record.ParentVersion);
                    insert.Add("@by", record.RegisteredBy);
                    insert.Add("@at", DbTime.ToDb(record.RegisteredAt));
                    insert.ExecuteNonQuery();
                }

                InsertEvent(transaction, new ModelEvent(record.AgentId, record.Version, "registered", record.RegisteredBy, record.RegisteredAt, record.LineageJson));
                return record;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ModelVersionRecord?> GetModelVersionAsync(string agentId, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(version);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {VersionColumns} FROM model_versions WHERE agent_id = @agent AND version = @version;";
        command.Add("@agent", agentId);
        command.Add("@version", version);
        var found = await ReadVersionsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelVersionRecord>> GetModelVersionsAsync(string? agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {VersionColumns} FROM model_versions WHERE CAST(@agent AS TEXT) IS NULL OR agent_id = @agent ORDER BY agent_id, sequence;";
        command.Add("@agent", agentId);
        return await ReadVersionsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkModelSignedAsync(string agentId, string version, string manifestSha256, ModelEvent signed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifestSha256);
        return WriteAsync(
            transaction =>
            {
                using var update = WriteCommand(transaction, "UPDATE model_versions SET manifest_sha256 = @hash, signed_at = @at WHERE agent_id = @agent AND version = @version;");
                update.Add("@hash", manifestSha256);
                update.Add("@at", DbTime.ToDb(signed.At));
                update.Add("@agent", agentId);
                update.Add("@version", version);
                if (update.ExecuteNonQuery() == 0)
                {
                    throw new KeyNotFoundException($"Model version '{version}' of agent '{agentId}' is not registered.");
                }

                InsertEvent(transaction, signed);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task SetModelAliasAsync(string agentId, string alias, string? version, ModelEvent change, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        ArgumentNullException.ThrowIfNull(change);
        return WriteAsync(
            transaction =>
            {
                if (version is null)
                {
                    using var delete = WriteCommand(transaction, "DELETE FROM model_aliases WHERE agent_id = @agent AND alias = @alias;");
                    delete.Add("@agent", agentId);
                    delete.Add("@alias", alias);
                    delete.ExecuteNonQuery();
                }
                else
                {
                    using var upsert = WriteCommand(transaction, """
                        INSERT INTO model_aliases (agent_id, alias, version, set_by, set_at) VALUES (@agent, @alias, @version, @by, @at)
                        ON CONFLICT (agent_id, alias) DO UPDATE SET version = excluded.version, set_by = excluded.set_by, set_at = excluded.set_at;
                        """);
                    upsert.Add("@agent", agentId);
                    upsert.Add("@alias", alias);
                    upsert.Add("@version", version);
                    upsert.Add("@by", change.Actor);
                    upsert.Add("@at", DbTime.ToDb(change.At));
                    try
                    {
                        upsert.ExecuteNonQuery();
                    }
                    catch (PostgresException ex) when (PgErrors.IsConstraintViolation(ex))
                    {
                        throw new KeyNotFoundException($"Model version '{version}' of agent '{agentId}' is not registered.", ex);
                    }
                }

                InsertEvent(transaction, change);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelAlias>> GetModelAliasesAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id, alias, version, set_by, set_at FROM model_aliases WHERE agent_id = @agent ORDER BY alias;";
        command.Add("@agent", agentId);
        var result = new List<ModelAlias>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ModelAlias(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), DbValues.GetTime(reader, 4)));
        }

        return result;
    }

    /// <inheritdoc />
    public Task AppendModelEventAsync(ModelEvent modelEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelEvent);
        return WriteAsync(transaction => InsertEvent(transaction, modelEvent), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelEvent>> GetModelEventsAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id, version, kind, actor, at, detail, id FROM model_events WHERE agent_id = @agent ORDER BY id;";
        command.Add("@agent", agentId);
        var result = new List<ModelEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ModelEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), DbValues.GetTime(reader, 4), reader.GetString(5), reader.GetInt64(6)));
        }

        return result;
    }

    /// <inheritdoc />
    public Task<ModelEvidence> AppendModelEvidenceAsync(ModelEvidence evidence, ModelEvent modelEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(modelEvent);
        return WriteAsync(
            transaction =>
            {
                using var insert = WriteCommand(transaction, """
                    INSERT INTO model_evidence (agent_id, version, kind, against_version, passed, at, json)
                    VALUES (@agent, @version, @kind, @against, @passed, @at, @json) RETURNING id;
                    """);
                insert.Add("@agent", evidence.AgentId);
                insert.Add("@version", evidence.Version);
                insert.Add("@kind", evidence.Kind);
                insert.Add("@against", evidence.AgainstVersion);
                insert.Add("@passed", evidence.Passed ? 1 : 0);
                insert.Add("@at", DbTime.ToDb(evidence.At));
                insert.Add("@json", evidence.Json);
                long id;
                try
                {
                    id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
                }
                catch (PostgresException ex) when (PgErrors.IsConstraintViolation(ex))
                {
                    throw new KeyNotFoundException($"Model version '{evidence.Version}' of agent '{evidence.AgentId}' is not registered.", ex);
                }

                InsertEvent(transaction, modelEvent);
                return evidence with { Id = id };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelEvidence>> GetModelEvidenceAsync(string agentId, string? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT agent_id, version, kind, against_version, passed, at, json, id FROM model_evidence
            WHERE agent_id = @agent AND (CAST(@version AS TEXT) IS NULL OR version = @version) ORDER BY id;
            """;
        command.Add("@agent", agentId);
        command.Add("@version", version);
        var result = new List<ModelEvidence>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ModelEvidence(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), DbValues.GetNullableString(reader, 3),
                reader.GetInt64(4) != 0, DbValues.GetTime(reader, 5), reader.GetString(6), reader.GetInt64(7)));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LabelledCase>> GetLabelledCasesAsync(string agentId, int count, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.case_id, d.occurred_at, d.features_json, o.correct_action
            FROM outcomes o JOIN decisions d ON d.case_id = o.case_id
            WHERE o.agent_id = @agent AND o.is_first = 1 AND (CAST(@since AS BIGINT) IS NULL OR d.occurred_at >= @since)
            ORDER BY d.occurred_at DESC, d.id DESC
            LIMIT @limit;
            """;
        command.Add("@agent", agentId);
        command.Add("@since", since is { } s ? DbTime.ToDb(s) : null);
        command.Add("@limit", count);
        var result = new List<LabelledCase>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new LabelledCase(reader.GetString(0), DbValues.GetTime(reader, 1), JournalJsonReader.Numbers(reader.GetString(2)), reader.GetString(3)));
        }

        result.Reverse();
        return result;
    }

    private static async Task<IReadOnlyList<ModelVersionRecord>> ReadVersionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var result = new List<ModelVersionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ModelVersionRecord(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                DbValues.GetNullableString(reader, 5), reader.GetString(6), DbValues.GetTime(reader, 7),
                DbValues.GetNullableString(reader, 8), DbValues.GetNullableTime(reader, 9)));
        }

        return result;
    }

    private static bool InsertEvent(NpgsqlTransaction transaction, ModelEvent e)
    {
        using var insert = WriteCommand(transaction, "INSERT INTO model_events (agent_id, version, kind, actor, at, detail) VALUES (@agent, @version, @kind, @actor, @at, @detail);");
        insert.Add("@agent", e.AgentId);
        insert.Add("@version", e.Version);
        insert.Add("@kind", e.Kind);
        insert.Add("@actor", e.Actor);
        insert.Add("@at", DbTime.ToDb(e.At));
        insert.Add("@detail", e.Detail);
        insert.ExecuteNonQuery();
        return true;
    }
}
