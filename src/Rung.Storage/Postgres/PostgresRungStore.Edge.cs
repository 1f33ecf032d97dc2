using Npgsql;
using Rung.Core.Policy;
using Rung.Storage.Audit;
using Rung.Storage.Edge;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

/// <remarks>
/// The same behaviour as the SQLite store's edge tables: on a server, edges' health, published configuration and
/// stop switches; the forwarding cursor and mirrored stops too, so either store can sit behind an edge.
/// </remarks>
public sealed partial class PostgresRungStore : IEdgeStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The journal pages by row id, and appends run side by side (the type's remarks), so a row with a lower id can
    /// commit after one with a higher id. This read therefore waits for running appends to commit and holds new ones
    /// back while it reads: a cursor moved past what it returns never skips a row committed later.
    /// </remarks>
    public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return ReadSettledAsync<IReadOnlyList<JournalEntry>>(
            async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand($"""
                    SELECT {DecisionRows.Columns}, d.id, ca.delivered_at
                    FROM {DecisionRows.From} LEFT JOIN committed_actions ca ON ca.case_id = d.case_id
                    WHERE d.id > @after
                    ORDER BY d.id
                    LIMIT @limit;
                    """, connection, transaction);
                command.Add("@after", after);
                command.Add("@limit", limit);
                var result = new List<JournalEntry>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    result.Add(JournalEntries.Of(reader.GetInt64(26), DecisionRows.Read(reader), DbValues.GetNullableTime(reader, 27)));
                }

                return result;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Waits for running appends, like <see cref="ReadJournalAsync"/>: a cursor set to the head skips nothing committed later.</remarks>
    public Task<long> GetJournalHeadAsync(CancellationToken cancellationToken = default) =>
        ReadSettledAsync(
            async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(id), 0) FROM decisions;", connection, transaction);
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<(long Count, DateTimeOffset? Oldest)> GetJournalBacklogAsync(long after, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(decided_at) FROM decisions WHERE id > @after;";
        command.Add("@after", after);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), DbValues.GetNullableTime(reader, 1));
    }

    /// <inheritdoc />
    public async Task<long> GetForwardedAsync(string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_seq FROM edge_forwarding WHERE target = @target;";
        command.Add("@target", target);
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : 0;
    }

    /// <inheritdoc />
    public Task SetForwardedAsync(string target, long sequence, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return WriteAsync(
            transaction =>
            {
                using var upsert = WriteCommand(transaction, """
                    INSERT INTO edge_forwarding (target, last_seq, forwarded_at) VALUES (@target, @seq, @at)
                    ON CONFLICT (target) DO UPDATE SET last_seq = GREATEST(edge_forwarding.last_seq, excluded.last_seq), forwarded_at = excluded.forwarded_at;
                    """);
                upsert.Add("@target", target);
                upsert.Add("@seq", sequence);
                upsert.Add("@at", DbTime.ToDb(at));
                return upsert.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AddActionExceptionAsync(string caseId, string agentId, string reason, DateTimeOffset at, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            transaction =>
            {
                using var exists = WriteCommand(transaction, "SELECT 1 FROM decisions WHERE case_id = @case_id;");
                exists.Add("@case_id", caseId);
                if (exists.ExecuteScalar() is null)
                {
                    throw new KeyNotFoundException($"No case '{caseId}' is journalled; its action exception was not stored.");
                }

                using var insert = WriteCommand(transaction, """
                    INSERT INTO exception_items (case_id, agent_id, reason, created_at, due_at) VALUES (@case_id, @agent_id, @reason, @at, @due)
                    ON CONFLICT (case_id) DO NOTHING;
                    """);
                insert.Add("@case_id", caseId);
                insert.Add("@agent_id", agentId);
                insert.Add("@reason", reason);
                insert.Add("@at", DbTime.ToDb(at));
                insert.Add("@due", DbTime.ToDb(dueAt));
                return insert.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task SaveEdgeHealthAsync(EdgeHealth health, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentException.ThrowIfNullOrWhiteSpace(health.EdgeId);
        return WriteAsync(
            transaction =>
            {
                using var upsert = WriteCommand(transaction, """
                    INSERT INTO edge_health (edge_id, zone, last_heartbeat, buffer_depth, lag_ticks, model_version, clock_skew_ticks, stopped)
                    VALUES (@edge_id, @zone, @at, @depth, @lag, @model, @skew, @stopped)
                    ON CONFLICT (edge_id) DO UPDATE SET zone = excluded.zone, last_heartbeat = excluded.last_heartbeat,
                        buffer_depth = excluded.buffer_depth, lag_ticks = excluded.lag_ticks, model_version = excluded.model_version,
                        clock_skew_ticks = excluded.clock_skew_ticks, stopped = excluded.stopped;
                    """);
                upsert.Add("@edge_id", health.EdgeId);
                upsert.Add("@zone", health.Zone);
                upsert.Add("@at", DbTime.ToDb(health.LastHeartbeat));
                upsert.Add("@depth", health.BufferDepth);
                upsert.Add("@lag", health.ForwardingLag.Ticks);
                upsert.Add("@model", health.ModelVersion);
                upsert.Add("@skew", health.ClockSkew.Ticks);
                upsert.Add("@stopped", health.Stopped ? 1 : 0);
                return upsert.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EdgeHealth>> GetEdgeHealthAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT edge_id, zone, last_heartbeat, buffer_depth, lag_ticks, model_version, clock_skew_ticks, stopped FROM edge_health ORDER BY edge_id;";
        var result = new List<EdgeHealth>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new EdgeHealth(reader.GetString(0), reader.GetString(1), DbValues.GetTime(reader, 2), reader.GetInt64(3), TimeSpan.FromTicks(reader.GetInt64(4)),
                reader.GetString(5), TimeSpan.FromTicks(reader.GetInt64(6)), reader.GetInt32(7) != 0));
        }

        return result;
    }

    /// <inheritdoc />
    public Task<StopEvent> AppendStopAsync(StopEvent stop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentException.ThrowIfNullOrWhiteSpace(stop.Scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(stop.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(stop.Reason, nameof(stop));
        ArgumentException.ThrowIfNullOrWhiteSpace(stop.Origin);
        return WriteAsync(
            transaction =>
            {
                using var insert = WriteCommand(transaction, """
                    INSERT INTO stop_switches (scope, stopped, at, actor, reason, origin, remote_id)
                    VALUES (@scope, @stopped, @at, @actor, @reason, @origin, @remote_id)
                    ON CONFLICT (remote_id) DO NOTHING
                    RETURNING id;
                    """);
                insert.Add("@scope", stop.Scope);
                insert.Add("@stopped", stop.Stopped ? 1 : 0);
                insert.Add("@at", DbTime.ToDb(stop.At));
                insert.Add("@actor", stop.Actor);
                insert.Add("@reason", stop.Reason);
                insert.Add("@origin", stop.Origin);
                insert.Parameters.Add(new Npgsql.NpgsqlParameter("remote_id", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = stop.RemoteId is { } remote ? remote : DBNull.Value });
                if (insert.ExecuteScalar() is long id)
                {
                    // A stop or restart of AI writes is a regulated act: its audit entry commits with it or not at all.
                    AppendAudit(transaction, new AuditDraft(stop.Actor, "stop_switch", stop.Scope, stop.Stopped ? "stop" : "restart", null, stop.Stopped ? "stopped" : "running", $"{stop.Reason} ({stop.Origin})"));
                    return stop with { Id = id };
                }

                using var existing = WriteCommand(transaction, "SELECT id FROM stop_switches WHERE remote_id = @remote_id;");
                existing.Add("@remote_id", stop.RemoteId!.Value);
                return stop with { Id = (long)existing.ExecuteScalar()! };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StopEvent>> GetStopsAsync(long after, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, scope, stopped, at, actor, reason, origin, remote_id FROM stop_switches WHERE id > @after ORDER BY id;";
        command.Add("@after", after);
        var result = new List<StopEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new StopEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2) != 0, DbValues.GetTime(reader, 3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<long> GetLastRemoteStopAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(remote_id), 0) FROM stop_switches;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public Task<int> PublishEdgeConfigAsync(string agentId, string scope, string useCaseYaml, DateTimeOffset at, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(useCaseYaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            transaction =>
            {
                using var upsert = WriteCommand(transaction, """
                    INSERT INTO edge_configs (agent_id, scope, version, usecase_yaml, published_at, published_by)
                    VALUES (@agent_id, @scope, 1, @yaml, @at, @by)
                    ON CONFLICT (agent_id) DO UPDATE SET scope = excluded.scope, version = edge_configs.version + 1,
                        usecase_yaml = excluded.usecase_yaml, published_at = excluded.published_at, published_by = excluded.published_by
                    RETURNING version;
                    """);
                upsert.Add("@agent_id", agentId);
                upsert.Add("@scope", scope);
                upsert.Add("@yaml", useCaseYaml);
                upsert.Add("@at", DbTime.ToDb(at));
                upsert.Add("@by", actor);
                return Convert.ToInt32(upsert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EdgeConfigRecord>> GetEdgeConfigsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id, scope, version, usecase_yaml, published_at, published_by FROM edge_configs ORDER BY agent_id;";
        var result = new List<EdgeConfigRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new EdgeConfigRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), DbValues.GetTime(reader, 4), reader.GetString(5)));
        }

        return result;
    }
}
