using Rung.Core.Alarms;
using Rung.Storage.Edge;

namespace Rung.Storage.Sqlite;

public sealed partial class SqliteRungStore : IEdgeAlarmOutbox
{
    /// <inheritdoc />
    public Task<bool> AppendEdgeAlarmAsync(EdgeAlarmRecord alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentException.ThrowIfNullOrWhiteSpace(alarm.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(alarm.AgentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(alarm.Rule);
        return WriteAsync(
            transaction =>
            {
                using var insert = WriteCommand(transaction, """
                    INSERT INTO edge_alarm_outbox (id, agent_id, rule, subject, severity, title, evidence_json, raised_at)
                    VALUES (@id, @agent_id, @rule, @subject, @severity, @title, @evidence, @raised_at)
                    ON CONFLICT (id) DO NOTHING;
                    """);
                insert.Add("@id", alarm.Id);
                insert.Add("@agent_id", alarm.AgentId);
                insert.Add("@rule", alarm.Rule);
                insert.Add("@subject", alarm.Subject);
                insert.Add("@severity", alarm.Severity.ToString());
                insert.Add("@title", alarm.Title);
                insert.Add("@evidence", _json.Texts(alarm.Evidence));
                insert.Add("@raised_at", DbTime.ToDb(alarm.RaisedAt));
                return insert.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EdgeAlarmRecord>> GetPendingEdgeAlarmsAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, agent_id, rule, subject, severity, title, evidence_json, raised_at
            FROM edge_alarm_outbox WHERE forwarded_at IS NULL ORDER BY seq LIMIT @limit;
            """;
        command.Add("@limit", limit);
        var result = new List<EdgeAlarmRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new EdgeAlarmRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                Enum.Parse<AlarmSeverity>(reader.GetString(4)),
                reader.GetString(5),
                JournalJsonReader.Texts(reader.GetString(6)),
                DbValues.GetTime(reader, 7)));
        }

        return result;
    }

    /// <inheritdoc />
    public Task MarkEdgeAlarmsForwardedAsync(IReadOnlyList<string> ids, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return WriteAsync(
            transaction =>
            {
                foreach (var id in ids)
                {
                    using var update = WriteCommand(transaction, "UPDATE edge_alarm_outbox SET forwarded_at = @at WHERE id = @id AND forwarded_at IS NULL;");
                    update.Add("@id", id);
                    update.Add("@at", DbTime.ToDb(at));
                    update.ExecuteNonQuery();
                }

                return ids.Count;
            },
            cancellationToken);
    }
}
