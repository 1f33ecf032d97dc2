using System.Data.Common;
using Rung.Core.Cases;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage.Journal;

namespace Rung.Storage.Sqlite;

/// <summary>Reads decision rows (joined with their exception item) back into records.</summary>
internal static class DecisionRows
{
    /// <summary>The column list every decision query selects, in the order <see cref="Read"/> expects; alias d, x.</summary>
    public const string Columns = """
        d.case_id, d.agent_id, d.occurred_at, d.decided_at, d.stage, d.disposition, d.reasons_json, d.blocked_by,
        d.features_json, d.quality_flags_json, d.action_name, d.action_target, d.action_value, d.confidence,
        d.out_of_distribution, d.severity, d.explanation_json, d.model_version, d.latency_ticks,
        x.case_id, x.reason, x.created_at, x.due_at, x.assigned_to, x.resolved_at, x.resolution
        """;

    /// <summary>The FROM clause that goes with <see cref="Columns"/>.</summary>
    public const string From = "decisions d LEFT JOIN exception_items x ON x.case_id = d.case_id";

    public static DecisionRecord Read(DbDataReader r)
    {
        var caseId = r.GetString(0);
        var agentId = r.GetString(1);
        var features = new FeatureVector(JournalJsonReader.Numbers(r.GetString(8)), JournalJsonReader.Flags(r.GetString(9)));
        var @case = new Case(caseId, agentId, DbValues.GetTime(r, 2), features);
        var action = new ProposedAction(r.GetString(10), DbValues.GetNullableString(r, 11), DbValues.GetNullableDouble(r, 12));
        var proposal = new Proposal(
            action,
            r.GetDouble(13),
            r.GetInt64(14) != 0,
            (Severity)r.GetInt32(15),
            JournalJsonReader.Contributions(r.GetString(16)),
            r.GetString(17),
            TimeSpan.FromTicks(r.GetInt64(18)));
        var decision = new PolicyDecision((Disposition)r.GetInt32(5), JournalJsonReader.Strings(r.GetString(6)), DbValues.GetNullableString(r, 7));
        ExceptionItem? item = r.IsDBNull(19)
            ? null
            : new ExceptionItem(
                caseId,
                agentId,
                r.GetString(20),
                DbValues.GetTime(r, 21),
                DbValues.GetTime(r, 22),
                DbValues.GetNullableString(r, 23),
                DbValues.GetNullableTime(r, 24),
                DbValues.GetNullableString(r, 25));
        return new DecisionRecord(@case, proposal, (Stage)r.GetInt32(4), decision, DbValues.GetTime(r, 3), item);
    }

    public static async Task<IReadOnlyList<DecisionRecord>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var result = new List<DecisionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }
}
