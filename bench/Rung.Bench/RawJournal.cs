using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Rung.Bench;

/// <summary>
/// Writes <see cref="JournalRow"/>s straight into a journal file the store created (same schema, same PRAGMAs
/// unless told otherwise) with three prepared statements and one transaction per batch: the floor under the
/// store's append.
/// </summary>
internal sealed class RawJournal : IDisposable
{
    private readonly SqliteConnection _connection;

    /// <param name="databasePath">A journal file the store created.</param>
    /// <param name="synchronous">The PRAGMA synchronous value.</param>
    /// <param name="setup">Further SQL run once before writing (a PRAGMA to try, an index to drop).</param>
    public RawJournal(string databasePath, string synchronous, string setup)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, ForeignKeys = true }.ToString());
        _connection.Open();
        Execute($"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON; {setup}");
    }

    public void Insert(IReadOnlyList<JournalRow[]> batches, bool decisionsOnly)
    {
        using var decision = Command("""
            INSERT INTO decisions (case_id, agent_id, occurred_at, decided_at, stage, disposition, reasons_json, blocked_by,
                features_json, quality_flags_json, action_name, action_target, action_value, confidence, out_of_distribution,
                severity, explanation_json, model_version, latency_ticks)
            VALUES ($0, $1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, NULL, NULL, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (case_id) DO NOTHING;
            """, 16);
        using var exception = Command("""
            INSERT INTO exception_items (case_id, agent_id, reason, created_at, due_at) VALUES ($0, $1, $2, $3, $4);
            """, 5);
        using var action = Command("""
            INSERT INTO committed_actions (case_id, agent_id, action_name, action_target, action_value, committed_at)
            VALUES ($0, $1, $2, NULL, NULL, $3);
            """, 4);
        foreach (var batch in batches)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            decision.Transaction = exception.Transaction = action.Transaction = transaction;
            foreach (var row in batch)
            {
                Bind(decision, row.CaseId, row.AgentId, row.OccurredAt, row.DecidedAt, row.Stage, row.Disposition, row.Reasons, row.Features, row.Flags,
                    row.Action, row.Confidence, row.OutOfDistribution, row.Severity, row.Explanation, row.ModelVersion, row.LatencyTicks);
                decision.ExecuteNonQuery();
                if (decisionsOnly)
                {
                    continue;
                }

                if (row.ExceptionReason is { } reason)
                {
                    Bind(exception, row.CaseId, row.AgentId, reason, row.DecidedAt, row.DueAt);
                    exception.ExecuteNonQuery();
                }
                else if (row.Committed)
                {
                    Bind(action, row.CaseId, row.AgentId, row.Action, row.DecidedAt);
                    action.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>
    /// The same rows and tables through SQLite's C API (SQLitePCLRaw, under Microsoft.Data.Sqlite), parameters bound
    /// by position: what the rows cost in SQLite itself, without the ADO.NET layer's per-execution work.
    /// </summary>
    public void InsertNative(IReadOnlyList<JournalRow[]> batches)
    {
        var db = _connection.Handle!;
        using var decision = Prepare(db, """
            INSERT INTO decisions (case_id, agent_id, occurred_at, decided_at, stage, disposition, reasons_json, blocked_by,
                features_json, quality_flags_json, action_name, action_target, action_value, confidence, out_of_distribution,
                severity, explanation_json, model_version, latency_ticks)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8, ?9, ?10, NULL, NULL, ?11, ?12, ?13, ?14, ?15, ?16)
            ON CONFLICT (case_id) DO NOTHING;
            """);
        using var exception = Prepare(db, "INSERT INTO exception_items (case_id, agent_id, reason, created_at, due_at) VALUES (?1, ?2, ?3, ?4, ?5);");
        using var action = Prepare(db, "INSERT INTO committed_actions (case_id, agent_id, action_name, action_target, action_value, committed_at) VALUES (?1, ?2, ?3, NULL, NULL, ?4);");
        foreach (var batch in batches)
        {
            Check(db, raw.sqlite3_exec(db, "BEGIN IMMEDIATE;"));
            foreach (var row in batch)
            {
                raw.sqlite3_bind_text(decision, 1, row.CaseId);
                raw.sqlite3_bind_text(decision, 2, row.AgentId);
                raw.sqlite3_bind_int64(decision, 3, row.OccurredAt);
                raw.sqlite3_bind_int64(decision, 4, row.DecidedAt);
                raw.sqlite3_bind_int(decision, 5, row.Stage);
                raw.sqlite3_bind_int(decision, 6, row.Disposition);
                raw.sqlite3_bind_text(decision, 7, row.Reasons);
                raw.sqlite3_bind_text(decision, 8, row.Features);
                raw.sqlite3_bind_text(decision, 9, row.Flags);
                raw.sqlite3_bind_text(decision, 10, row.Action);
                raw.sqlite3_bind_double(decision, 11, row.Confidence);
                raw.sqlite3_bind_int(decision, 12, row.OutOfDistribution);
                raw.sqlite3_bind_int(decision, 13, row.Severity);
                raw.sqlite3_bind_text(decision, 14, row.Explanation);
                raw.sqlite3_bind_text(decision, 15, row.ModelVersion);
                raw.sqlite3_bind_int64(decision, 16, row.LatencyTicks);
                Step(db, decision);
                if (row.ExceptionReason is { } reason)
                {
                    raw.sqlite3_bind_text(exception, 1, row.CaseId);
                    raw.sqlite3_bind_text(exception, 2, row.AgentId);
                    raw.sqlite3_bind_text(exception, 3, reason);
                    raw.sqlite3_bind_int64(exception, 4, row.DecidedAt);
                    raw.sqlite3_bind_int64(exception, 5, row.DueAt);
                    Step(db, exception);
                }
                else if (row.Committed)
                {
                    raw.sqlite3_bind_text(action, 1, row.CaseId);
                    raw.sqlite3_bind_text(action, 2, row.AgentId);
                    raw.sqlite3_bind_text(action, 3, row.Action);
                    raw.sqlite3_bind_int64(action, 4, row.DecidedAt);
                    Step(db, action);
                }
            }

            Check(db, raw.sqlite3_exec(db, "COMMIT;"));
        }
    }

    /// <summary>Marks the committed actions of each batch delivered with one statement over json_each.</summary>
    public void MarkDeliveredSetBased(IReadOnlyList<JournalRow[]> batches, long at)
    {
        using var update = Command("UPDATE committed_actions SET delivered_at = $0 WHERE case_id IN (SELECT value FROM json_each($1)) AND delivered_at IS NULL;", 2);
        foreach (var batch in batches)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            update.Transaction = transaction;
            Bind(update, at, JsonSerializer.Serialize(batch.Where(r => r.Committed).Select(r => r.CaseId)));
            update.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public void MarkDelivered(IReadOnlyList<JournalRow[]> batches, long at)
    {
        using var update = Command("UPDATE committed_actions SET delivered_at = $0 WHERE case_id = $1 AND delivered_at IS NULL;", 2);
        foreach (var batch in batches)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            update.Transaction = transaction;
            foreach (var row in batch)
            {
                if (row.Committed)
                {
                    Bind(update, at, row.CaseId);
                    update.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
    }

    public void Dispose() => _connection.Dispose();

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        if (raw.sqlite3_step(statement) != raw.SQLITE_DONE)
        {
            throw new InvalidOperationException($"SQLite step failed: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }

        raw.sqlite3_reset(statement);
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite call failed ({result}): {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }
    }

    private static void Bind(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private SqliteCommand Command(string sql, int parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
