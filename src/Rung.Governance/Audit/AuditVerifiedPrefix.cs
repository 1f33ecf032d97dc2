namespace Rung.Governance.Audit;

/// <summary>
/// The start of the chain a quick check does not walk again: entry <paramref name="Sequence"/> with hash
/// <paramref name="Hash"/>, verified by an earlier walk in this process or covered by a validly signed checkpoint.
/// </summary>
/// <param name="Sequence">The last entry of the prefix.</param>
/// <param name="Hash">Its hash when it was verified or signed.</param>
/// <param name="Basis">Why it is trusted, for people ("verified earlier in this process", "signed checkpoint of ...").</param>
public sealed record AuditVerifiedPrefix(long Sequence, string Hash, string Basis);
