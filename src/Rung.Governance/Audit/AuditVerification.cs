namespace Rung.Governance.Audit;

/// <summary>The result of verifying the audit trail.</summary>
/// <param name="EntriesChecked">How many stored entries were walked.</param>
/// <param name="FirstSequence">The first sequence expected in the store (after any archive anchor).</param>
/// <param name="HeadSequence">The last sequence that verified (0 when none).</param>
/// <param name="CheckpointsChecked">How many distinct signed checkpoints were checked.</param>
/// <param name="Problems">What is wrong, the first chain problem first; empty when the trail verifies.</param>
public sealed record AuditVerification(long EntriesChecked, long FirstSequence, long HeadSequence, int CheckpointsChecked, IReadOnlyList<AuditProblem> Problems)
{
    /// <summary>True when the chain and every checkpoint verify.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>A one-line summary for people.</summary>
    public string Summary => IsValid
        ? $"Audit trail verified: {EntriesChecked} entries ({FirstSequence}..{HeadSequence}), {CheckpointsChecked} signed checkpoint(s)."
        : $"Audit trail BROKEN: {Problems[0].Message}";
}
