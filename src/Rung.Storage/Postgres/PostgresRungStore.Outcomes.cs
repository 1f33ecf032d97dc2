using Npgsql;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <inheritdoc />
    /// <remarks>The case's first judgement is the one of its earliest outcome (by <see cref="Outcome.At"/>); a late-arriving
    /// outcome with an earlier time takes that place.</remarks>
    /// <exception cref="ArgumentException">An id or the correct action is empty, or the judgement is for another case.</exception>
    public Task<IReadOnlyList<bool>> AppendOutcomesAsync(IReadOnlyList<StoredOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var outcome in outcomes)
        {
            ValidateOutcome(outcome);
        }

        return WriteAsync<IReadOnlyList<bool>>(transaction => [.. outcomes.Select(o => AppendOutcome(transaction, o))], cancellationToken);
    }

    private static void ValidateOutcome(StoredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(outcome.Outcome);
        ArgumentNullException.ThrowIfNull(outcome.Judgement);
        var (o, j) = (outcome.Outcome, outcome.Judgement);
        ArgumentException.ThrowIfNullOrWhiteSpace(o.CaseId, nameof(outcome));
        if (j.CaseId != o.CaseId)
        {
            throw new ArgumentException($"The outcome is for case '{o.CaseId}' but its judgement is for case '{j.CaseId}'.", nameof(outcome));
        }

        if (string.IsNullOrWhiteSpace(o.CorrectAction) || o.Actor is null || j.ProposedAction is null || j.CorrectAction is null)
        {
            throw new ArgumentException($"The outcome of case '{o.CaseId}' from {o.Source} lacks its correct action, actor or judged actions.", nameof(outcome));
        }
    }

    private static bool AppendOutcome(NpgsqlTransaction transaction, StoredOutcome outcome)
    {
        var (o, j) = (outcome.Outcome, outcome.Judgement);
        string agentId;
        using (var select = WriteCommand(transaction, "SELECT agent_id FROM decisions WHERE case_id = @case_id;"))
        {
            select.Add("@case_id", o.CaseId);
            agentId = select.ExecuteScalar() as string ?? throw new KeyNotFoundException($"Outcome for unknown case '{o.CaseId}'.");
        }

        using (var insert = WriteCommand(transaction, """
            INSERT INTO outcomes (case_id, agent_id, source, correct_action, at, actor, note,
                judged_correct, error_severity, proposed_action, judged_action, judged_at)
            VALUES (@case_id, @agent_id, @source, @correct_action, @at, @actor, @note,
                @judged_correct, @error_severity, @proposed_action, @judged_action, @judged_at)
            ON CONFLICT (case_id, source) DO NOTHING;
            """))
        {
            insert.Add("@case_id", o.CaseId);
            insert.Add("@agent_id", agentId);
            insert.Add("@source", (int)o.Source);
            insert.Add("@correct_action", o.CorrectAction);
            insert.Add("@at", DbTime.ToDb(o.At));
            insert.Add("@actor", o.Actor);
            insert.Add("@note", o.Note);
            insert.Add("@judged_correct", j.Correct ? 1 : 0);
            insert.Add("@error_severity", j.ErrorSeverity is { } severity ? (int)severity : null);
            insert.Add("@proposed_action", j.ProposedAction);
            insert.Add("@judged_action", j.CorrectAction);
            insert.Add("@judged_at", DbTime.ToDb(j.At));
            if (insert.ExecuteNonQuery() == 0)
            {
                return false;
            }
        }

        using var mark = WriteCommand(transaction, """
            UPDATE outcomes
            SET is_first = CASE WHEN id = (SELECT f.id FROM outcomes f WHERE f.case_id = @case_id ORDER BY f.at, f.id LIMIT 1) THEN 1 ELSE 0 END
            WHERE case_id = @case_id;
            """);
        mark.Add("@case_id", o.CaseId);
        mark.ExecuteNonQuery();
        return true;
    }

    /// <inheritdoc />
    /// <remarks>Ordered by the judgement's time; with <paramref name="since"/>, only judgements at or after it.</remarks>
    public async Task<IReadOnlyList<Judgement>> GetRecentJudgementsAsync(string agentId, int count, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT case_id, judged_correct, error_severity, proposed_action, judged_action, judged_at
            FROM outcomes
            WHERE agent_id = @agent_id AND is_first = 1 AND judged_at >= @since
            ORDER BY judged_at DESC, id DESC
            LIMIT @count;
            """;
        command.Add("@agent_id", agentId);
        command.Add("@since", since is { } s ? DbTime.ToDb(s) : long.MinValue);
        command.Add("@count", count);
        var result = new List<Judgement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Judgement(
                reader.GetString(0),
                reader.GetInt64(1) != 0,
                reader.IsDBNull(2) ? null : (Severity)reader.GetInt32(2),
                reader.GetString(3),
                reader.GetString(4),
                DbValues.GetTime(reader, 5)));
        }

        result.Reverse();
        return result;
    }
}
