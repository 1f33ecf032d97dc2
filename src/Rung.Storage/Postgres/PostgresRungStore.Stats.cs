using Npgsql;
using Rung.Core.Approvals;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <summary>More periods than this in one call is a mistake (a length of seconds over years), not a report.</summary>
    private const int MaxPeriods = 10_000;

    /// <inheritdoc />
    /// <remarks>
    /// Periods start at <paramref name="origin"/> + k × <paramref name="length"/> for every start before
    /// <paramref name="until"/>; the last one is cut at <paramref name="until"/>, which is then its end for
    /// open-past-due items and the stage at end. Each count is one GROUP BY over a computed period index, read
    /// in one snapshot. Returns an empty list when <paramref name="until"/> is not after <paramref name="origin"/>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The length is not positive, or the range holds more than 10,000 periods.</exception>
    /// <exception cref="KeyNotFoundException">The agent is unknown.</exception>
    public async Task<IReadOnlyList<PeriodStats>> GetPeriodStatsAsync(
        string agentId, DateTimeOffset origin, TimeSpan length, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        if (until <= origin)
        {
            return [];
        }

        var span = (until - origin).Ticks;
        var periods = (span / length.Ticks) + (span % length.Ticks == 0 ? 0 : 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(periods, MaxPeriods, nameof(length));
        var totals = new PeriodTotals((int)periods);

        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await WithoutJitAsync(connection, transaction, cancellationToken);
        var history = await ReadStageHistoryAsync(connection, transaction, agentId, cancellationToken);
        if (history.Count == 0)
        {
            throw new KeyNotFoundException($"Period stats for unknown agent '{agentId}'.");
        }

        var query = new PeriodQuery(connection, transaction, agentId, DbTime.ToDb(origin), length.Ticks, DbTime.ToDb(until), (int)periods);
        await query.ReadAsync(DecisionCountsSql, r => totals.AddDecisions(r), cancellationToken);
        await query.ReadAsync(JudgementCountsSql, r => totals.AddJudgements(r), cancellationToken);
        await query.ReadAsync(ApprovalCountsSql, r => totals.AddApprovals(r), cancellationToken);
        await query.ReadAsync(ResolutionCountsSql, r => totals.AddResolutions(r), cancellationToken);
        await query.ReadAsync(OpenPastDueSql, r => totals.AddOpenPastDue(r), cancellationToken);

        var result = new List<PeriodStats>((int)periods);
        for (var k = 0; k < periods; k++)
        {
            var start = origin + (length * k);
            var end = k == periods - 1 ? until : start + length;
            result.Add(totals.ToStats(k, start, StageAt(history, end)));
        }

        return result;
    }

    /// <summary>The stage in force just before <paramref name="end"/>; before the first change, the first change's starting stage.</summary>
    private static Stage StageAt(IReadOnlyList<StageChange> history, DateTimeOffset end)
    {
        var stage = history[0].From;
        foreach (var change in history)
        {
            if (change.At >= end)
            {
                break;
            }

            stage = change.To;
        }

        return stage;
    }

    private static readonly string DecisionCountsSql = $"""
        SELECT (occurred_at - @origin) / @length AS p, COUNT(*),
            COUNT(*) FILTER (WHERE disposition = {(int)Disposition.Committed}), COUNT(*) FILTER (WHERE disposition = {(int)Disposition.PendingApproval}),
            COUNT(*) FILTER (WHERE disposition = {(int)Disposition.Excepted}), COUNT(*) FILTER (WHERE disposition = {(int)Disposition.Blocked})
        FROM decisions
        WHERE agent_id = @agent_id AND occurred_at >= @origin AND occurred_at < @until
        GROUP BY p;
        """;

    private static readonly string JudgementCountsSql = $"""
        SELECT (judged_at - @origin) / @length AS p, COUNT(*), COUNT(*) FILTER (WHERE judged_correct <> 0),
            COUNT(*) FILTER (WHERE judged_correct = 0 AND error_severity = {(int)Severity.High})
        FROM outcomes
        WHERE agent_id = @agent_id AND is_first = 1 AND judged_at >= @origin AND judged_at < @until
        GROUP BY p;
        """;

    private static readonly string ApprovalCountsSql = $"""
        SELECT (at - @origin) / @length AS p, COUNT(*), COUNT(*) FILTER (WHERE verdict = {(int)Verdict.Approved})
        FROM approvals
        WHERE agent_id = @agent_id AND at >= @origin AND at < @until
        GROUP BY p;
        """;

    private const string ResolutionCountsSql = """
        SELECT (resolved_at - @origin) / @length AS p, COUNT(*), SUM(resolved_at - created_at)::BIGINT, MAX(resolved_at - created_at),
            COUNT(*) FILTER (WHERE resolved_at > due_at)
        FROM exception_items
        WHERE agent_id = @agent_id AND resolved_at >= @origin AND resolved_at < @until
        GROUP BY p;
        """;

    // One row per period end; an item counts when it existed, was due and was not yet resolved at that end. Only open
    // items and items resolved after the origin can count, so the join reads those two index ranges, not the agent's
    // whole history of exceptions.
    private const string OpenPastDueSql = """
        WITH RECURSIVE periods (p, period_end) AS (
            SELECT 0, LEAST(@origin + @length, @until)
            UNION ALL
            SELECT p + 1, LEAST(@origin + (p + 2) * @length, @until) FROM periods WHERE p + 1 < @periods
        )
        SELECT periods.p, COUNT(*)
        FROM periods
        JOIN (
            SELECT created_at, due_at, resolved_at FROM exception_items WHERE agent_id = @agent_id AND resolved_at IS NULL
            UNION ALL
            SELECT created_at, due_at, resolved_at FROM exception_items WHERE agent_id = @agent_id AND resolved_at >= @origin
        ) x
            ON x.created_at < periods.period_end AND x.due_at < periods.period_end
            AND (x.resolved_at IS NULL OR x.resolved_at >= periods.period_end)
        GROUP BY periods.p;
        """;

    /// <summary>Runs one grouped query with the period parameters bound and hands each row to a sink.</summary>
    private sealed class PeriodQuery(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string agentId, long origin, long length, long until, int periods)
    {
        public async Task ReadAsync(string sql, Action<NpgsqlDataReader> sink, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Add("@agent_id", agentId);
            command.Add("@origin", origin);
            command.Add("@length", length);
            command.Add("@until", until);

            // Parameters a statement does not use are ignored, so every query gets the same set.
            command.Add("@periods", periods);

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sink(reader);
            }
        }
    }
}
