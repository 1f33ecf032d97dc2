using Rung.Core.Policy;
using Rung.Storage.Journal;

namespace Rung.Storage.Sqlite;

/// <summary>
/// Checks a batch before anything of it is written, so bad input is refused whole with an error that names
/// the record (its position and case id) and what was wrong.
/// </summary>
internal static class DecisionValidator
{
    public static void Validate(IReadOnlyList<DecisionRecord> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (Problem(batch[i]) is { } problem)
            {
                throw new ArgumentException(
                    $"Decision batch entry {i} (case '{batch[i]?.Case?.CaseId}') {problem}; nothing of the batch was stored.", nameof(batch));
            }
        }
    }

    private static string? Problem(DecisionRecord? record)
    {
        if (record?.Case is null || record.Proposal is null || record.Decision is null || record.Case.Features is null)
        {
            return "is null or lacks its case, features, proposal or decision";
        }

        if (record.Case.Features.Values is null || record.Case.Features.Flags is null || record.Decision.Reasons is null || record.Proposal.Explanation is null)
        {
            return "has a null feature map, flag list, reason list or explanation";
        }

        if (string.IsNullOrWhiteSpace(record.Case.CaseId))
        {
            return "has an empty case id";
        }

        if (string.IsNullOrWhiteSpace(record.Case.AgentId))
        {
            return "has an empty agent id";
        }

        if (string.IsNullOrWhiteSpace(record.Proposal.Action?.Name))
        {
            return "has a proposal without an action name";
        }

        if (!double.IsFinite(record.Proposal.Confidence))
        {
            return $"has a non-finite confidence ({record.Proposal.Confidence})";
        }

        if (record.Proposal.ModelVersion is null)
        {
            return "has no model version";
        }

        if (!Enum.IsDefined(record.Decision.Disposition))
        {
            return $"has an unknown disposition ({(int)record.Decision.Disposition})";
        }

        return ExceptionProblem(record);
    }

    private static string? ExceptionProblem(DecisionRecord record)
    {
        var excepted = record.Decision.Disposition == Disposition.Excepted;
        if (excepted && record.Exception is null)
        {
            return "is Excepted but carries no exception item";
        }

        if (!excepted && record.Exception is not null)
        {
            return $"carries an exception item but its disposition is {record.Decision.Disposition}, not Excepted";
        }

        if (record.Exception is { } item && (item.CaseId != record.Case.CaseId || item.AgentId != record.Case.AgentId))
        {
            return $"carries an exception item for case '{item.CaseId}' of agent '{item.AgentId}'";
        }

        return null;
    }
}
