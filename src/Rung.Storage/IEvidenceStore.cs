using Rung.Storage.Gates;

namespace Rung.Storage;

/// <summary>The journal read as evidence for the go/no-go gates. Safe to call from several threads.</summary>
public interface IEvidenceStore
{
    /// <summary>The agent's cases whose source time is in [<paramref name="from"/>, <paramref name="to"/>), with their first label and delivery, oldest first.</summary>
    Task<IReadOnlyList<CaseEvidence>> GetCaseEvidenceAsync(string agentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The agent's approver verdicts given in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<ApprovalEvidence>> GetApprovalEvidenceAsync(string agentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
