using Npgsql;
using Rung.Core.Approvals;
using Rung.Core.Policy;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore
{
    /// <inheritdoc />
    /// <remarks>An approval commits the drafted action at the approval's time: it then shows in
    /// <see cref="GetUndeliveredActionsAsync"/> and <see cref="GetCommitTimesAsync"/>. A rejection commits nothing.
    /// Each stored verdict is audited in the same transaction.</remarks>
    /// <exception cref="ArgumentException">The case id or approver is empty, or a rejection has no reason.</exception>
    public Task<IReadOnlyList<bool>> AppendApprovalsAsync(IReadOnlyList<Approval> approvals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        foreach (var approval in approvals)
        {
            ValidateApproval(approval);
        }

        return WriteAsync<IReadOnlyList<bool>>(transaction => [.. approvals.Select(a => AppendApproval(transaction, a))], cancellationToken);
    }

    private static void ValidateApproval(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentException.ThrowIfNullOrWhiteSpace(approval.CaseId, nameof(approval));
        if (string.IsNullOrWhiteSpace(approval.Approver))
        {
            throw new ArgumentException($"The approval of case '{approval.CaseId}' names no approver.", nameof(approval));
        }

        if (!Enum.IsDefined(approval.Verdict))
        {
            throw new ArgumentException($"The approval of case '{approval.CaseId}' has an unknown verdict ({(int)approval.Verdict}).", nameof(approval));
        }

        if (approval.Verdict == Verdict.Rejected && string.IsNullOrWhiteSpace(approval.Reason))
        {
            throw new ArgumentException($"The rejection of case '{approval.CaseId}' by '{approval.Approver}' gives no reason; a rejection needs one.", nameof(approval));
        }
    }

    private bool AppendApproval(NpgsqlTransaction transaction, Approval approval)
    {
        string agentId;
        object actionName, actionTarget, actionValue;
        using (var select = WriteCommand(transaction, "SELECT agent_id, disposition, action_name, action_target, action_value FROM decisions WHERE case_id = @case_id;"))
        {
            select.Add("@case_id", approval.CaseId);
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                throw new KeyNotFoundException($"Approval for unknown case '{approval.CaseId}'.");
            }

            var disposition = (Disposition)reader.GetInt32(1);
            if (disposition != Disposition.PendingApproval)
            {
                throw new InvalidOperationException(
                    $"Case '{approval.CaseId}' is {disposition}, not PendingApproval; only a drafted action can be approved or rejected.");
            }

            agentId = reader.GetString(0);
            (actionName, actionTarget, actionValue) = (reader.GetValue(2), reader.GetValue(3), reader.GetValue(4));
        }

        using (var insert = WriteCommand(transaction, """
            INSERT INTO approvals (case_id, agent_id, approver, verdict, at, reason, correct_action)
            VALUES (@case_id, @agent_id, @approver, @verdict, @at, @reason, @correct_action)
            ON CONFLICT (case_id) DO NOTHING;
            """))
        {
            insert.Add("@case_id", approval.CaseId);
            insert.Add("@agent_id", agentId);
            insert.Add("@approver", approval.Approver);
            insert.Add("@verdict", (int)approval.Verdict);
            insert.Add("@at", DbTime.ToDb(approval.At));
            insert.Add("@reason", approval.Reason);
            insert.Add("@correct_action", approval.CorrectAction);
            if (insert.ExecuteNonQuery() == 0)
            {
                return false;
            }
        }

        AppendAudit(transaction, RegulatedAudit.Approved(approval));
        if (approval.Verdict == Verdict.Approved)
        {
            using var commit = WriteCommand(transaction, PgCommittedActionSql.Insert);
            commit.Add("@case_id", approval.CaseId);
            commit.Add("@agent_id", agentId);
            commit.Add("@name", actionName);
            commit.Add("@target", actionTarget);
            commit.Add("@value", actionValue);
            commit.Add("@at", DbTime.ToDb(approval.At));
            commit.ExecuteNonQuery();
        }

        return true;
    }
}
