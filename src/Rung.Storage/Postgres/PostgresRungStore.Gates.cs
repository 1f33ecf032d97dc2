using Npgsql;
using Rung.Core.Approvals;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage.Gates;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IGateStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseEvidence>> GetCaseEvidenceAsync(string agentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await WithoutJitAsync(connection, transaction, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = CaseEvidenceSql;
        command.Add("@agent_id", agentId);
        command.Add("@from", DbTime.ToDb(from));
        command.Add("@to", DbTime.ToDb(to));
        var result = new List<CaseEvidence>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new CaseEvidence(
                reader.GetString(0),
                DbValues.GetTime(reader, 1),
                (Stage)reader.GetInt32(2),
                (Disposition)reader.GetInt32(3),
                reader.GetString(4),
                DbValues.GetNullableString(reader, 5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6) != 0,
                reader.IsDBNull(7) ? null : (Severity)reader.GetInt32(7),
                DbValues.GetNullableTime(reader, 8),
                DbValues.GetNullableTime(reader, 9),
                DbValues.GetNullableTime(reader, 10)));
        }

        return result;
    }

    // The window's cases come from the covering index (schema 0018); each case's first outcome and committed action
    // are then looked up by case id. OFFSET 0 keeps each lateral subquery a subquery (the same rows: no limit), so the
    // planner cannot turn the lookups into a hash join over a scan of every outcome, a plan it chose at 10 million
    // cases that grows with the outcomes table instead of the window.
    private const string CaseEvidenceSql = """
        SELECT d.case_id, d.occurred_at, d.stage, d.disposition, d.action_name,
               o.correct_action, o.judged_correct, o.error_severity, o.judged_at,
               c.committed_at, c.delivered_at
        FROM decisions d
        LEFT JOIN LATERAL (
            SELECT correct_action, judged_correct, error_severity, judged_at
            FROM outcomes WHERE outcomes.case_id = d.case_id AND outcomes.is_first = 1 OFFSET 0) o ON TRUE
        LEFT JOIN LATERAL (
            SELECT committed_at, delivered_at FROM committed_actions WHERE committed_actions.case_id = d.case_id OFFSET 0) c ON TRUE
        WHERE d.agent_id = @agent_id AND d.occurred_at >= @from AND d.occurred_at < @to
        ORDER BY d.occurred_at, d.id;
        """;

    /// <summary>
    /// Turns JIT compilation off for the rest of <paramref name="transaction"/>. A windowed read of many index probes is
    /// estimated costly enough to be compiled, and the compilation (8 to 80 ms measured at 10 million cases) is
    /// never won back by probes that each take a microsecond.
    /// </summary>
    private static async Task WithoutJitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET LOCAL jit = off;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApprovalEvidence>> GetApprovalEvidenceAsync(string agentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.case_id, d.stage, a.verdict, a.approver, a.at, a.reason
            FROM approvals a JOIN decisions d ON d.case_id = a.case_id
            WHERE a.agent_id = @agent_id AND a.at >= @from AND a.at < @to
            ORDER BY a.at, a.case_id;
            """;
        command.Add("@agent_id", agentId);
        command.Add("@from", DbTime.ToDb(from));
        command.Add("@to", DbTime.ToDb(to));
        var result = new List<ApprovalEvidence>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ApprovalEvidence(
                reader.GetString(0),
                (Stage)reader.GetInt32(1),
                (Verdict)reader.GetInt32(2),
                reader.GetString(3),
                DbValues.GetTime(reader, 4),
                DbValues.GetNullableString(reader, 5)));
        }

        return result;
    }

    /// <inheritdoc />
    public Task AppendAttestationAsync(Attestation attestation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        ArgumentException.ThrowIfNullOrWhiteSpace(attestation.AgentId, nameof(attestation));
        ArgumentException.ThrowIfNullOrWhiteSpace(attestation.Subject, nameof(attestation));
        ArgumentException.ThrowIfNullOrWhiteSpace(attestation.AttestedBy, nameof(attestation));
        ArgumentNullException.ThrowIfNull(attestation.Note, nameof(attestation));
        return WriteAsync(
            transaction =>
            {
                RequireAgent(transaction, attestation.AgentId);
                using var insert = WriteCommand(transaction, """
                    INSERT INTO attestations (agent_id, subject, attested_by, at, note) VALUES (@agent_id, @subject, @by, @at, @note);
                    """);
                insert.Add("@agent_id", attestation.AgentId);
                insert.Add("@subject", attestation.Subject);
                insert.Add("@by", attestation.AttestedBy);
                insert.Add("@at", DbTime.ToDb(attestation.At));
                insert.Add("@note", attestation.Note);
                return insert.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Attestation>> GetAttestationsAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id, subject, attested_by, at, note FROM attestations WHERE agent_id = @agent_id ORDER BY at, id;";
        command.Add("@agent_id", agentId);
        var result = new List<Attestation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new Attestation(reader.GetString(0), reader.GetString(1), reader.GetString(2), DbValues.GetTime(reader, 3), reader.GetString(4)));
        }

        return result;
    }

    /// <inheritdoc />
    public Task AppendConnectorCheckAsync(ConnectorCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentException.ThrowIfNullOrWhiteSpace(check.AgentId, nameof(check));
        ArgumentException.ThrowIfNullOrWhiteSpace(check.Kind, nameof(check));
        return WriteAsync(
            transaction =>
            {
                RequireAgent(transaction, check.AgentId);
                using var insert = WriteCommand(transaction, """
                    INSERT INTO connector_checks (agent_id, at, kind, committed, delivered, lost, duplicated, note)
                    VALUES (@agent_id, @at, @kind, @committed, @delivered, @lost, @duplicated, @note);
                    """);
                insert.Add("@agent_id", check.AgentId);
                insert.Add("@at", DbTime.ToDb(check.At));
                insert.Add("@kind", check.Kind);
                insert.Add("@committed", check.Committed);
                insert.Add("@delivered", check.Delivered);
                insert.Add("@lost", check.Lost);
                insert.Add("@duplicated", check.Duplicated);
                insert.Add("@note", check.Note ?? string.Empty);
                return insert.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConnectorCheck>> GetConnectorChecksAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id, at, kind, committed, delivered, lost, duplicated, note FROM connector_checks WHERE agent_id = @agent_id ORDER BY at, id;";
        command.Add("@agent_id", agentId);
        var result = new List<ConnectorCheck>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ConnectorCheck(
                reader.GetString(0), DbValues.GetTime(reader, 1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetString(7)));
        }

        return result;
    }

    /// <inheritdoc />
    public Task RecordGateDecisionAsync(GateDecision decision, StageChange? change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrWhiteSpace(decision.AgentId, nameof(decision));
        ArgumentNullException.ThrowIfNull(decision.SnapshotJson, nameof(decision));
        if (change is not null && change.AgentId != decision.AgentId)
        {
            throw new ArgumentException($"The stage change is for agent '{change.AgentId}', the gate decision for '{decision.AgentId}'.", nameof(change));
        }

        return WriteAsync(
            transaction =>
            {
                var agent = RequireAgent(transaction, decision.AgentId);
                using var insert = WriteCommand(transaction, """
                    INSERT INTO gate_decisions (agent_id, at, from_stage, to_stage, kind, passed, approved_by, approved_at,
                        approval_method, approval_reference, reason, snapshot_sha256, snapshot_json)
                    VALUES (@agent_id, @at, @from, @to, @kind, @passed, @approved_by, @approved_at,
                        @method, @reference, @reason, @sha, @json);
                    """);
                insert.Add("@agent_id", decision.AgentId);
                insert.Add("@at", DbTime.ToDb(decision.At));
                insert.Add("@from", (int)decision.From);
                insert.Add("@to", (int)decision.To);
                insert.Add("@kind", (int)decision.Kind);
                insert.Add("@passed", decision.Passed ? 1 : 0);
                insert.Add("@approved_by", DbValues.FromString(decision.ApprovedBy));
                insert.Add("@approved_at", DbValues.FromTime(decision.ApprovedAt));
                insert.Add("@method", DbValues.FromString(decision.ApprovalMethod));
                insert.Add("@reference", DbValues.FromString(decision.ApprovalReference));
                insert.Add("@reason", decision.Reason);
                insert.Add("@sha", decision.SnapshotSha256);
                insert.Add("@json", decision.SnapshotJson);
                insert.ExecuteNonQuery();

                if (change is not null)
                {
                    ApplyStageChange(transaction, agent, change);
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GateDecision>> GetGateDecisionsAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT agent_id, at, from_stage, to_stage, kind, passed, approved_by, approved_at, approval_method,
                   approval_reference, reason, snapshot_sha256, snapshot_json
            FROM gate_decisions WHERE agent_id = @agent_id ORDER BY at, id;
            """;
        command.Add("@agent_id", agentId);
        var result = new List<GateDecision>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadGateDecision(reader));
        }

        return result;
    }

    private static GateDecision ReadGateDecision(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        DbValues.GetTime(reader, 1),
        (Stage)reader.GetInt32(2),
        (Stage)reader.GetInt32(3),
        (StageChangeKind)reader.GetInt32(4),
        reader.GetInt32(5) != 0,
        DbValues.GetNullableString(reader, 6),
        DbValues.GetNullableTime(reader, 7),
        DbValues.GetNullableString(reader, 8),
        DbValues.GetNullableString(reader, 9),
        reader.GetString(10),
        reader.GetString(11),
        reader.GetString(12));

    private static Journal.AgentRecord RequireAgent(NpgsqlTransaction transaction, string agentId) =>
        ReadAgent(transaction, agentId) ?? throw new KeyNotFoundException($"No agent '{agentId}' is stored.");
}
