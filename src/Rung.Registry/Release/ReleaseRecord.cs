namespace Rung.Registry;

/// <summary>What a release or rollback changed, as stored in the event's detail.</summary>
/// <param name="Version">The new champion.</param>
/// <param name="Previous">The champion it replaced, or null for the first.</param>
/// <param name="ManifestSha256">The new champion's manifest hash.</param>
/// <param name="Signature">The Approved signature, or null (a rollback, or a non-regulated release).</param>
/// <param name="At">When (UTC).</param>
/// <param name="ProbationUntil">Until when an SLO breach rolls it back automatically; null for a rollback.</param>
/// <param name="Reason">Why (a rollback's reason), or null.</param>
public sealed record ReleaseRecord(string Version, string? Previous, string ManifestSha256, ReleaseSignatureRecord? Signature, DateTimeOffset At, DateTimeOffset? ProbationUntil, string? Reason = null);
