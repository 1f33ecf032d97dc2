using Npgsql;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <inheritdoc />
    public Task SaveAgentStatusAsync(string agentId, DateTimeOffset at, string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        return WriteAsync(
            transaction =>
            {
                using var upsert = WriteCommand(transaction, """
                    INSERT INTO agent_status (agent_id, at, json) VALUES (@agent_id, @at, @json)
                    ON CONFLICT (agent_id) DO UPDATE SET at = excluded.at, json = excluded.json;
                    """);
                upsert.Add("@agent_id", agentId);
                upsert.Add("@at", DbTime.ToDb(at));
                upsert.Add("@json", json);
                return upsert.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(DateTimeOffset At, string Json)?> GetAgentStatusAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, json FROM agent_status WHERE agent_id = @agent_id;";
        command.Add("@agent_id", agentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (DbValues.GetTime(reader, 0), reader.GetString(1)) : null;
    }
}
