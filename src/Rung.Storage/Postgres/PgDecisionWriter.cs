using Npgsql;
using Rung.Core.Exceptions;
using Rung.Core.Policy;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

/// <summary>
/// The append hot path on PostgreSQL: three commands made once per batch on its connection and re-bound per row.
/// Not thread-safe; used under the store's writer lock only. Does not own the JSON writer.
/// </summary>
internal sealed class PgDecisionWriter : IDisposable
{
    private const string InsertDecisionSql = """
        INSERT INTO decisions (case_id, agent_id, occurred_at, decided_at, stage, disposition, reasons_json, blocked_by,
            features_json, quality_flags_json, action_name, action_target, action_value, confidence, out_of_distribution,
            severity, explanation_json, model_version, latency_ticks)
        VALUES (@case_id, @agent_id, @occurred_at, @decided_at, @stage, @disposition, @reasons, @blocked_by,
            @features, @flags, @action_name, @action_target, @action_value, @confidence, @ood,
            @severity, @explanation, @model_version, @latency)
        ON CONFLICT (case_id) DO NOTHING;
        """;

    private const string InsertExceptionSql = """
        INSERT INTO exception_items (case_id, agent_id, reason, created_at, due_at, assigned_to, resolved_at, resolution)
        VALUES (@case_id, @agent_id, @reason, @created_at, @due_at, @assigned_to, @resolved_at, @resolution);
        """;

    private readonly JournalJsonWriter _json;
    private readonly NpgsqlCommand _decision;
    private readonly NpgsqlCommand _exception;
    private readonly NpgsqlCommand _action;

    private readonly NpgsqlParameter _caseId, _agentId, _occurredAt, _decidedAt, _stage, _disposition, _reasons, _blockedBy,
        _features, _flags, _actionName, _actionTarget, _actionValue, _confidence, _ood, _severity, _explanation, _modelVersion, _latency;

    private readonly NpgsqlParameter _xCaseId, _xAgentId, _xReason, _xCreatedAt, _xDueAt, _xAssignedTo, _xResolvedAt, _xResolution;

    private readonly NpgsqlParameter _aCaseId, _aAgentId, _aName, _aTarget, _aValue, _aAt;

    public PgDecisionWriter(NpgsqlConnection connection, JournalJsonWriter json)
    {
        _json = json;
        _decision = connection.CreateCommand();
        _decision.CommandText = InsertDecisionSql;
        _caseId = Parameter(_decision, "@case_id");
        _agentId = Parameter(_decision, "@agent_id");
        _occurredAt = Parameter(_decision, "@occurred_at");
        _decidedAt = Parameter(_decision, "@decided_at");
        _stage = Parameter(_decision, "@stage");
        _disposition = Parameter(_decision, "@disposition");
        _reasons = Parameter(_decision, "@reasons");
        _blockedBy = Parameter(_decision, "@blocked_by");
        _features = Parameter(_decision, "@features");
        _flags = Parameter(_decision, "@flags");
        _actionName = Parameter(_decision, "@action_name");
        _actionTarget = Parameter(_decision, "@action_target");
        _actionValue = Parameter(_decision, "@action_value");
        _confidence = Parameter(_decision, "@confidence");
        _ood = Parameter(_decision, "@ood");
        _severity = Parameter(_decision, "@severity");
        _explanation = Parameter(_decision, "@explanation");
        _modelVersion = Parameter(_decision, "@model_version");
        _latency = Parameter(_decision, "@latency");

        _exception = connection.CreateCommand();
        _exception.CommandText = InsertExceptionSql;
        _xCaseId = Parameter(_exception, "@case_id");
        _xAgentId = Parameter(_exception, "@agent_id");
        _xReason = Parameter(_exception, "@reason");
        _xCreatedAt = Parameter(_exception, "@created_at");
        _xDueAt = Parameter(_exception, "@due_at");
        _xAssignedTo = Parameter(_exception, "@assigned_to");
        _xResolvedAt = Parameter(_exception, "@resolved_at");
        _xResolution = Parameter(_exception, "@resolution");

        _action = connection.CreateCommand();
        _action.CommandText = PgCommittedActionSql.Insert;
        _aCaseId = Parameter(_action, "@case_id");
        _aAgentId = Parameter(_action, "@agent_id");
        _aName = Parameter(_action, "@name");
        _aTarget = Parameter(_action, "@target");
        _aValue = Parameter(_action, "@value");
        _aAt = Parameter(_action, "@at");
    }

    /// <summary>Enlists the commands in the batch's transaction.</summary>
    public void Begin(NpgsqlTransaction transaction)
    {
        _decision.Transaction = transaction;
        _exception.Transaction = transaction;
        _action.Transaction = transaction;
    }

    /// <summary>Writes one validated record; Duplicate when its case id is already stored.</summary>
    public AppendResult Write(DecisionRecord record)
    {
        var @case = record.Case;
        var proposal = record.Proposal;
        var action = proposal.Action;
        var decidedAt = DbTime.ToDb(record.DecidedAt);

        _caseId.Value = @case.CaseId;
        _agentId.Value = @case.AgentId;
        _occurredAt.Value = DbTime.ToDb(@case.OccurredAt);
        _decidedAt.Value = decidedAt;
        _stage.Value = (int)record.Stage;
        _disposition.Value = (int)record.Decision.Disposition;
        _reasons.Value = _json.Strings(record.Decision.Reasons);
        _blockedBy.Value = DbValues.FromString(record.Decision.BlockedBy);
        _features.Value = _json.Numbers(@case.Features.Values);
        _flags.Value = _json.Flags(@case.Features.Flags);
        _actionName.Value = action.Name;
        _actionTarget.Value = DbValues.FromString(action.Target);
        _actionValue.Value = PgValues.FromDouble(action.Value);
        _confidence.Value = proposal.Confidence;
        _ood.Value = proposal.OutOfDistribution ? 1 : 0;
        _severity.Value = (int)proposal.Severity;
        _explanation.Value = _json.Contributions(proposal.Explanation);
        _modelVersion.Value = proposal.ModelVersion;
        _latency.Value = proposal.Latency.Ticks;

        if (_decision.ExecuteNonQuery() == 0)
        {
            return AppendResult.Duplicate;
        }

        if (record.Exception is { } item)
        {
            WriteException(item);
        }

        if (record.Decision.Disposition == Disposition.Committed)
        {
            _aCaseId.Value = @case.CaseId;
            _aAgentId.Value = @case.AgentId;
            _aName.Value = action.Name;
            _aTarget.Value = _actionTarget.Value;
            _aValue.Value = _actionValue.Value;
            _aAt.Value = decidedAt;
            _action.ExecuteNonQuery();
        }

        return AppendResult.Stored;
    }

    public void Dispose()
    {
        _decision.Dispose();
        _exception.Dispose();
        _action.Dispose();
    }

    private void WriteException(ExceptionItem item)
    {
        _xCaseId.Value = item.CaseId;
        _xAgentId.Value = item.AgentId;
        _xReason.Value = item.Reason;
        _xCreatedAt.Value = DbTime.ToDb(item.CreatedAt);
        _xDueAt.Value = DbTime.ToDb(item.DueAt);
        _xAssignedTo.Value = DbValues.FromString(item.AssignedTo);
        _xResolvedAt.Value = DbValues.FromTime(item.ResolvedAt);
        _xResolution.Value = DbValues.FromString(item.Resolution);
        _exception.ExecuteNonQuery();
    }

    // Untyped: Npgsql infers each value's type, so an int bound to an INTEGER column and a long to a BIGINT agree.
    private static NpgsqlParameter Parameter(NpgsqlCommand command, string name)
    {
        var parameter = new NpgsqlParameter { ParameterName = name.TrimStart('@') };
        command.Parameters.Add(parameter);
        return parameter;
    }
}
