using System.Globalization;
using Microsoft.Data.Sqlite;
using Rung.Core.Alarms;
using Rung.Storage.Audit;

namespace Rung.Storage.Sqlite;

public sealed partial class SqliteRungStore
{
    private const string AlarmColumns = """
        id, agent_id, rule, condition_key, severity, title, evidence_json, runbook, owner, raised_at, state,
        acknowledged_by, acknowledged_at, escalated_to, escalated_at, resolved_by, resolved_at, comment, condition_clear_since
        """;

    /// <inheritdoc />
    public Task SaveAlarmsAsync(IReadOnlyList<Alarm> alarms, CancellationToken cancellationToken = default)
    {
        ValidateAlarms(alarms);
        return WriteAsync(
            transaction =>
            {
                UpsertAlarms(transaction, alarms);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An alarm has no id or condition key, or a field of the audit entry is empty.</exception>
    /// <exception cref="InvalidOperationException">An alarm would be a second active one for its condition, or its agent is unknown; nothing is saved or audited.</exception>
    public Task SaveAlarmsAsync(IReadOnlyList<Alarm> alarms, AuditDraft audit, CancellationToken cancellationToken = default)
    {
        ValidateAlarms(alarms);
        ArgumentNullException.ThrowIfNull(audit);
        audit.Validate();
        return WriteAsync(
            transaction =>
            {
                UpsertAlarms(transaction, alarms);
                AppendAudit(transaction, audit);
                return true;
            },
            cancellationToken);
    }

    private static void ValidateAlarms(IReadOnlyList<Alarm> alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        foreach (var alarm in alarms)
        {
            ArgumentNullException.ThrowIfNull(alarm);
            ArgumentException.ThrowIfNullOrWhiteSpace(alarm.Id, nameof(alarms));
            ArgumentException.ThrowIfNullOrWhiteSpace(alarm.Key, nameof(alarms));
        }
    }

    private void UpsertAlarms(SqliteTransaction transaction, IReadOnlyList<Alarm> alarms)
    {
        foreach (var a in alarms)
        {
            using var upsert = WriteCommand(transaction, $"""
                INSERT INTO alarms ({AlarmColumns})
                VALUES ($id, $agent_id, $rule, $key, $severity, $title, $evidence, $runbook, $owner, $raised_at, $state,
                    $ack_by, $ack_at, $esc_to, $esc_at, $res_by, $res_at, $comment, $clear_since)
                ON CONFLICT (id) DO UPDATE SET
                    state = excluded.state, acknowledged_by = excluded.acknowledged_by, acknowledged_at = excluded.acknowledged_at,
                    escalated_to = excluded.escalated_to, escalated_at = excluded.escalated_at, resolved_by = excluded.resolved_by,
                    resolved_at = excluded.resolved_at, comment = excluded.comment, condition_clear_since = excluded.condition_clear_since;
                """);
            upsert.Add("$id", a.Id);
            upsert.Add("$agent_id", a.AgentId);
            upsert.Add("$rule", a.Rule);
            upsert.Add("$key", a.Key);
            upsert.Add("$severity", (int)a.Severity);
            upsert.Add("$title", a.Title);
            upsert.Add("$evidence", _json.Texts(a.Evidence));
            upsert.Add("$runbook", a.Runbook);
            upsert.Add("$owner", a.Owner);
            upsert.Add("$raised_at", DbTime.ToDb(a.RaisedAt));
            upsert.Add("$state", (int)a.State);
            upsert.Add("$ack_by", a.AcknowledgedBy);
            upsert.Add("$ack_at", a.AcknowledgedAt is { } ackAt ? DbTime.ToDb(ackAt) : null);
            upsert.Add("$esc_to", a.EscalatedTo);
            upsert.Add("$esc_at", a.EscalatedAt is { } escAt ? DbTime.ToDb(escAt) : null);
            upsert.Add("$res_by", a.ResolvedBy);
            upsert.Add("$res_at", a.ResolvedAt is { } resAt ? DbTime.ToDb(resAt) : null);
            upsert.Add("$comment", a.Comment);
            upsert.Add("$clear_since", a.ConditionClearSince is { } clear ? DbTime.ToDb(clear) : null);
            try
            {
                upsert.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                throw new InvalidOperationException($"Alarm {a.Id} would be a second active alarm for condition '{a.Key}' of agent '{a.AgentId}', or its agent is unknown.", ex);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Alarm>> GetAlarmsAsync(string? agentId, bool activeOnly, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AlarmColumns} FROM alarms
            WHERE ($agent_id IS NULL OR agent_id = $agent_id) AND ($active_only = 0 OR state <> 2)
            ORDER BY raised_at DESC, id
            LIMIT $limit;
            """;
        command.Add("$agent_id", agentId);
        command.Add("$active_only", activeOnly ? 1 : 0);
        command.Add("$limit", limit);
        return await ReadAlarmsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Alarm?> GetAlarmAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AlarmColumns} FROM alarms WHERE id = $id;";
        command.Add("$id", alarmId);
        var found = await ReadAlarmsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<Alarm>> ReadAlarmsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var result = new List<Alarm>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Alarm(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                (AlarmSeverity)reader.GetInt32(4),
                reader.GetString(5),
                JournalJsonReader.Texts(reader.GetString(6)),
                reader.GetString(7),
                reader.GetString(8),
                DbValues.GetTime(reader, 9),
                (AlarmState)reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                OptionalTime(reader, 12),
                reader.IsDBNull(13) ? null : reader.GetString(13),
                OptionalTime(reader, 14),
                reader.IsDBNull(15) ? null : reader.GetString(15),
                OptionalTime(reader, 16),
                reader.IsDBNull(17) ? null : reader.GetString(17),
                OptionalTime(reader, 18)));
        }

        return result;
    }

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : DbValues.GetTime(reader, ordinal);

    private static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
