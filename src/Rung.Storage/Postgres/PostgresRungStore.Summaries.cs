using System.Globalization;
using Npgsql;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <inheritdoc />
    public Task<bool> AppendDailySummaryAsync(DailySummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary.AgentId, nameof(summary));
        ArgumentException.ThrowIfNullOrWhiteSpace(summary.Recipient, nameof(summary));
        return WriteAsync(
            transaction =>
            {
                using var insert = WriteCommand(transaction, """
                    INSERT INTO daily_summaries (agent_id, day, sent_at, recipient, body)
                    VALUES (@agent_id, @day, @sent_at, @recipient, @body)
                    ON CONFLICT (agent_id, day) DO NOTHING;
                    """);
                insert.Add("@agent_id", summary.AgentId);
                insert.Add("@day", DayText(summary.Day));
                insert.Add("@sent_at", DbTime.ToDb(summary.SentAt));
                insert.Add("@recipient", summary.Recipient);
                insert.Add("@body", summary.Body);
                return insert.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AcknowledgeDailySummaryAsync(string agentId, DateOnly day, string user, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return WriteAsync(
            transaction =>
            {
                using var update = WriteCommand(transaction, """
                    UPDATE daily_summaries SET acknowledged_by = @user, acknowledged_at = @at
                    WHERE agent_id = @agent_id AND day = @day AND acknowledged_at IS NULL;
                    """);
                update.Add("@agent_id", agentId);
                update.Add("@day", DayText(day));
                update.Add("@user", user);
                update.Add("@at", DbTime.ToDb(at));
                if (update.ExecuteNonQuery() == 1)
                {
                    return true;
                }

                using var exists = WriteCommand(transaction, "SELECT 1 FROM daily_summaries WHERE agent_id = @agent_id AND day = @day;");
                exists.Add("@agent_id", agentId);
                exists.Add("@day", DayText(day));
                return exists.ExecuteScalar() is not null
                    ? false
                    : throw new KeyNotFoundException($"No daily summary of agent '{agentId}' was sent for {DayText(day)}.");
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DailySummary>> GetDailySummariesAsync(string agentId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT agent_id, day, sent_at, recipient, body, acknowledged_by, acknowledged_at FROM daily_summaries
            WHERE agent_id = @agent_id AND day >= @from AND day <= @to
            ORDER BY day;
            """;
        command.Add("@agent_id", agentId);
        command.Add("@from", DayText(from));
        command.Add("@to", DayText(to));
        var result = new List<DailySummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DailySummary(
                reader.GetString(0),
                DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DbValues.GetTime(reader, 2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                OptionalTime(reader, 6)));
        }

        return result;
    }
}
