using System.Text.Json;
using Microsoft.Data.Sqlite;

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
