using System.Data.Common;
using System.Globalization;

namespace Rung.Bench.Scale;

/// <summary>
/// Fills a migrated store with <c>n</c> cases in set-based SQL (a recursive CTE on SQLite, generate_series on
/// PostgreSQL), in chunks of a million so no transaction or WAL grows with the table. Each case copies one of four
/// template decisions the store itself wrote, so every JSON column is the store's own format. The shape: ten agents,
/// one case every 12 s in turn (each agent every 2 minutes), ending at <see cref="Layout.End"/>; 1 in 100 drafts for
/// approval, 1 in 100 an exception, 48 in 100 commits (delivered), the rest logged. Every draft and exception older
/// than the last 1,000 cases is decided (approval, resolution, label, audit entry), so the queues hold the same
/// handful of items at every size; one logged or committed case in ten has a quality label.
/// </summary>
internal sealed class Filler(DbConnection connection, bool postgres)
{
    private const long Chunk = 1_000_000;

    public async Task FillAsync(long cases, Action<string> progress)
    {
        var recent = Layout.End.Ticks - Layout.UnixEpochTicks - (1_000 * Layout.Gap.Ticks);
        for (long lo = 0; lo < cases; lo += Chunk)
        {
            var hi = Math.Min(cases, lo + Chunk);
            await ExecuteAsync(Sql(DecisionsSql, ("@lo", lo), ("@hi", hi), ("@last", hi - 1), ("@n", cases)));
            progress(FormattableString.Invariant($"decisions {hi:N0}"));
        }

        var (first, last) = await IdRangeAsync();
        for (var lo = first; lo <= last; lo += Chunk)
        {
            var hi = Math.Min(last, lo + Chunk - 1);
            foreach (var statement in new[] { CommittedSql, ExceptionsSql, ApprovalsSql, OutcomesSql, AuditSql })
            {
                await ExecuteAsync(Sql(statement, ("@lo", lo), ("@hi", hi), ("@recent", recent)));
            }

            progress(FormattableString.Invariant($"decided and labelled through id {hi:N0}"));
        }

        if (postgres)
        {
            // The state autovacuum reaches on its own within 10,000 new cases (schema 0018's insert trigger on
            // decisions): statistics, and the visibility map that lets the windowed reads be index-only scans.
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandTimeout = 0;
            vacuum.CommandText = "VACUUM (ANALYZE);";
            await vacuum.ExecuteNonQueryAsync();
        }
        else
        {
            await ExecuteAsync("ANALYZE;");
        }
    }

    private async Task<(long First, long Last)> IdRangeAsync()
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(id), MAX(id) FROM decisions WHERE case_id LIKE 'c%';";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private string Sql(string template, params (string Name, long Value)[] values)
    {
        var sql = template
            .Replace("@seq", postgres
                ? "s(n) AS (SELECT generate_series(@lo::bigint, @last::bigint))"
                : "RECURSIVE s(n) AS (SELECT @lo UNION ALL SELECT n + 1 FROM s WHERE n < @last)", StringComparison.Ordinal)
            .Replace("@end", (Layout.End.Ticks - Layout.UnixEpochTicks).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@gap", Layout.Gap.Ticks.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        foreach (var (name, value) in values.OrderByDescending(v => v.Name.Length))
        {
            sql = sql.Replace(name, value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return sql;
    }

    // Case n of N occurs (N - 1 - n) gaps before the end, for agent n % 10; the template is chosen by (n / 10) % 100.
    private const string DecisionsSql = """
        WITH @seq
        INSERT INTO decisions (case_id, agent_id, occurred_at, decided_at, stage, disposition, reasons_json, blocked_by,
            features_json, quality_flags_json, action_name, action_target, action_value, confidence, out_of_distribution,
            severity, explanation_json, model_version, latency_ticks)
        SELECT 'c' || s.n, 'line' || (s.n % 10), @end - (@n - 1 - s.n) * @gap, @end - (@n - 1 - s.n) * @gap + 50000,
            t.stage, t.disposition, t.reasons_json, t.blocked_by, t.features_json, t.quality_flags_json, t.action_name,
            t.action_target, t.action_value, t.confidence, t.out_of_distribution, t.severity, t.explanation_json,
            t.model_version, t.latency_ticks
        FROM s JOIN decisions t ON t.case_id = CASE WHEN (s.n / 10) % 100 = 0 THEN 'tpl-1'
            WHEN (s.n / 10) % 100 = 1 THEN 'tpl-3' WHEN (s.n / 10) % 100 < 50 THEN 'tpl-2' ELSE 'tpl-0' END;
        """;

    // Automatic commits, and drafts approved half an hour after they were made; all delivered ten seconds later.
    private const string CommittedSql = """
        INSERT INTO committed_actions (case_id, agent_id, action_name, action_target, action_value, committed_at, delivered_at)
        SELECT case_id, agent_id, action_name, action_target, action_value,
            decided_at + (CASE WHEN disposition = 1 THEN 18000000000 ELSE 0 END),
            decided_at + (CASE WHEN disposition = 1 THEN 18000000000 ELSE 0 END) + 100000000
        FROM decisions
        WHERE id BETWEEN @lo AND @hi AND (disposition = 2 OR (disposition = 1 AND occurred_at < @recent));
        """;

    // Due in four hours; resolved in two unless among the last 1,000 cases.
    private const string ExceptionsSql = """
        INSERT INTO exception_items (case_id, agent_id, reason, created_at, due_at, assigned_to, resolved_at, resolution, resolved_by)
        SELECT case_id, agent_id, 'Confidence below 0.9.', occurred_at, occurred_at + 144000000000, NULL,
            CASE WHEN occurred_at < @recent THEN decided_at + 72000000000 END,
            CASE WHEN occurred_at < @recent THEN 'scrap' END,
            CASE WHEN occurred_at < @recent THEN 'line.lead' END
        FROM decisions
        WHERE id BETWEEN @lo AND @hi AND disposition = 3;
        """;

    private const string ApprovalsSql = """
        INSERT INTO approvals (case_id, agent_id, approver, verdict, at, reason, correct_action)
        SELECT case_id, agent_id, 'line.lead', 0, decided_at + 18000000000, NULL, NULL
        FROM decisions
        WHERE id BETWEEN @lo AND @hi AND disposition = 1 AND occurred_at < @recent;
        """;

    // Labels: every verdict and resolution, and a quality result on one other case in ten (one in fifty of those wrong).
    private const string OutcomesSql = """
        INSERT INTO outcomes (case_id, agent_id, source, correct_action, at, actor, note, judged_correct, error_severity,
            proposed_action, judged_action, judged_at, is_first)
        SELECT case_id, agent_id,
            CASE disposition WHEN 1 THEN 1 WHEN 3 THEN 2 ELSE 3 END,
            CASE WHEN disposition IN (0, 2) AND id % 500 = 0 THEN 'accept' ELSE action_name END,
            decided_at + 36000000000, 'line.lead', NULL,
            CASE WHEN disposition IN (0, 2) AND id % 500 = 0 THEN 0 ELSE 1 END,
            CASE WHEN disposition IN (0, 2) AND id % 500 = 0 THEN severity END,
            action_name,
            CASE WHEN disposition IN (0, 2) AND id % 500 = 0 THEN 'accept' ELSE action_name END,
            decided_at + 36000000000, 1
        FROM decisions
        WHERE id BETWEEN @lo AND @hi AND (((disposition = 1 OR disposition = 3) AND occurred_at < @recent)
            OR (disposition IN (0, 2) AND id % 10 = 0));
        """;

    // One audit entry per verdict and resolution (the chain's hashes are placeholders: the bench times reads, not verification).
    private const string AuditSql = """
        INSERT INTO audit_entries (seq, at, actor, record_type, record_id, action, old_value, new_value, reason, prev_hash, hash)
        SELECT 1000 + id, decided_at + 18000000000, 'line.lead', 'case', case_id,
            CASE disposition WHEN 1 THEN 'approve' ELSE 'resolve' END, NULL, '{}', NULL, 'p' || id, 'h' || id
        FROM decisions
        WHERE id BETWEEN @lo AND @hi AND (disposition = 1 OR disposition = 3) AND occurred_at < @recent;
        """;
}
