namespace Rung.Governance.Audit;

/// <summary>The result of verifying the audit trail.</summary>
/// <param name="EntriesChecked">How many stored entries were walked.</param>
/// <param name="FirstSequence">The first sequence expected in the store (after any archive anchor).</param>
/// <param name="HeadSequence">The last sequence that verified (0 when none).</param>
/// <param name="CheckpointsChecked">How many distinct signed checkpoints were checked.</param>
/// <param name="Problems">What is wrong, the first chain problem first; empty when the trail verifies.</param>
public sealed record AuditVerification(long EntriesChecked, long FirstSequence, long HeadSequence, int CheckpointsChecked, IReadOnlyList<AuditProblem> Problems)
{
    /// <summary>The hash of <see cref="HeadSequence"/> (the genesis or anchor hash when no entry verified); null when not known.</summary>
    public string? HeadHash { get; init; }

    /// <summary>
    /// The prefix this check did not walk again (0 when it walked the whole chain): entries up to it verified earlier
    /// in this process or are covered by a signed checkpoint (see <see cref="AuditVerifiedPrefix"/>).
    /// </summary>
    public AuditVerifiedPrefix? Prefix { get; init; }

    /// <summary>True when the chain and every checkpoint verify.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>A one-line summary for people.</summary>
    public string Summary => IsValid
        ? Prefix is { } p
            ? $"Audit trail verified after entry {p.Sequence} ({p.Basis}): {EntriesChecked} newer entries ({FirstSequence}..{HeadSequence}), {CheckpointsChecked} signed checkpoint(s). Entries up to {p.Sequence} were not walked again: run the full verification for them."
            : $"Audit trail verified: {EntriesChecked} entries ({FirstSequence}..{HeadSequence}), {CheckpointsChecked} signed checkpoint(s)."
        : $"Audit trail BROKEN: {Problems[0].Message}";
}
