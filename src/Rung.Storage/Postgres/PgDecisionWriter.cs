using Npgsql;
using Rung.Core.Exceptions;
using Rung.Core.Policy;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

/// <summary>
/// The append hot path on PostgreSQL: a batch of decisions goes to the server as one <see cref="NpgsqlBatch"/> (one
/// round trip, each row its own statement so a duplicate case id is reported per row), then the exception items and
/// committed actions of the rows that were new as a second one. Rows go in case id order (the first of two equal ids
/// first), so two appends running at once take their row locks in the same order and cannot deadlock; their row ids
/// are drawn first, in the batch's order, so the journal's order (by id) is still the order the batch was given in.
/// One instance per append; does not own the JSON writer.
/// </summary>
internal sealed class PgDecisionWriter(JournalJsonWriter json)
{
    private const string InsertDecisionSql = """
        INSERT INTO decisions (id, case_id, agent_id, occurred_at, decided_at, stage, disposition, reasons_json, blocked_by,
            features_json, quality_flags_json, action_name, action_target, action_value, confidence, out_of_distribution,
            severity, explanation_json, model_version, latency_ticks)
        VALUES (@id, @case_id, @agent_id, @occurred_at, @decided_at, @stage, @disposition, @reasons, @blocked_by,
            @features, @flags, @action_name, @action_target, @action_value, @confidence, @ood,
            @severity, @explanation, @model_version, @latency)
        ON CONFLICT (case_id) DO NOTHING;
        """;

    private const string InsertExceptionSql = """
        INSERT INTO exception_items (case_id, agent_id, reason, created_at, due_at, assigned_to, resolved_at, resolution)
        VALUES (@case_id, @agent_id, @reason, @created_at, @due_at, @assigned_to, @resolved_at, @resolution);
        """;

    /// <summary>Writes validated records in order; a record is Duplicate when its case id is already stored (or earlier in the batch).</summary>
    public async Task<AppendResult[]> WriteAllAsync(NpgsqlTransaction transaction, IReadOnlyList<DecisionRecord> batch, CancellationToken cancellationToken)
    {
        var order = PgRowOrder.ByCaseId(batch.Count, i => batch[i].Case.CaseId);
        var ids = await DrawIdsAsync(transaction, batch.Count, cancellationToken);
        var results = new AppendResult[batch.Count];
        await using (var decisions = new NpgsqlBatch(transaction.Connection, transaction))
        {
            foreach (var i in order)
            {
                decisions.BatchCommands.Add(Decision(batch[i], ids[i]));
            }

            await decisions.ExecuteNonQueryAsync(cancellationToken);
            for (var k = 0; k < order.Length; k++)
            {
                results[order[k]] = decisions.BatchCommands[k].RecordsAffected == 0 ? AppendResult.Duplicate : AppendResult.Stored;
            }
        }

        await using var dependents = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var i in order)
        {
            if (results[i] != AppendResult.Stored)
            {
                continue;
            }

            if (batch[i].Exception is { } item)
            {
                dependents.BatchCommands.Add(Exception(item));
            }

            if (batch[i].Decision.Disposition == Disposition.Committed)
            {
                dependents.BatchCommands.Add(Action(batch[i]));
            }
        }

        if (dependents.BatchCommands.Count > 0)
        {
            await dependents.ExecuteNonQueryAsync(cancellationToken);
        }

        return results;
    }

    /// <summary>Row ids for the batch from the table's identity sequence, ascending; a duplicate's id is left unused.</summary>
    private static async Task<long[]> DrawIdsAsync(NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('decisions', 'id')) AS id FROM generate_series(1, @count) ORDER BY id;", transaction.Connection, transaction);
        command.Parameters.AddWithValue("count", count);
        var ids = new long[count];
        var n = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[n++] = reader.GetInt64(0);
        }

        return ids;
    }

    private NpgsqlBatchCommand Decision(DecisionRecord record, long id)
    {
        var @case = record.Case;
        var proposal = record.Proposal;
        var action = proposal.Action;
        var command = new NpgsqlBatchCommand(InsertDecisionSql);
        var p = command.Parameters;
        p.AddWithValue("id", id);
        p.AddWithValue("case_id", @case.CaseId);
        p.AddWithValue("agent_id", @case.AgentId);
        p.AddWithValue("occurred_at", DbTime.ToDb(@case.OccurredAt));
        p.AddWithValue("decided_at", DbTime.ToDb(record.DecidedAt));
        p.AddWithValue("stage", (int)record.Stage);
        p.AddWithValue("disposition", (int)record.Decision.Disposition);
        p.AddWithValue("reasons", json.Strings(record.Decision.Reasons));
        p.AddWithValue("blocked_by", DbValues.FromString(record.Decision.BlockedBy));
        p.AddWithValue("features", json.Numbers(@case.Features.Values));
        p.AddWithValue("flags", json.Flags(@case.Features.Flags));
        p.AddWithValue("action_name", action.Name);
        p.AddWithValue("action_target", DbValues.FromString(action.Target));
        p.AddWithValue("action_value", PgValues.FromDouble(action.Value));
        p.AddWithValue("confidence", proposal.Confidence);
        p.AddWithValue("ood", proposal.OutOfDistribution ? 1 : 0);
        p.AddWithValue("severity", (int)proposal.Severity);
        p.AddWithValue("explanation", json.Contributions(proposal.Explanation));
        p.AddWithValue("model_version", proposal.ModelVersion);
        p.AddWithValue("latency", proposal.Latency.Ticks);
        return command;
    }

    private static NpgsqlBatchCommand Exception(ExceptionItem item)
    {
        var command = new NpgsqlBatchCommand(InsertExceptionSql);
        var p = command.Parameters;
        p.AddWithValue("case_id", item.CaseId);
        p.AddWithValue("agent_id", item.AgentId);
        p.AddWithValue("reason", item.Reason);
        p.AddWithValue("created_at", DbTime.ToDb(item.CreatedAt));
        p.AddWithValue("due_at", DbTime.ToDb(item.DueAt));
        p.AddWithValue("assigned_to", DbValues.FromString(item.AssignedTo));
        p.AddWithValue("resolved_at", DbValues.FromTime(item.ResolvedAt));
        p.AddWithValue("resolution", DbValues.FromString(item.Resolution));
        return command;
    }

    private static NpgsqlBatchCommand Action(DecisionRecord record)
    {
        var action = record.Proposal.Action;
        var command = new NpgsqlBatchCommand(PgCommittedActionSql.Insert);
        var p = command.Parameters;
        p.AddWithValue("case_id", record.Case.CaseId);
        p.AddWithValue("agent_id", record.Case.AgentId);
        p.AddWithValue("name", action.Name);
        p.AddWithValue("target", DbValues.FromString(action.Target));
        p.AddWithValue("value", PgValues.FromDouble(action.Value));
        p.AddWithValue("at", DbTime.ToDb(record.DecidedAt));
        return command;
    }
}
