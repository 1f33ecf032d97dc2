namespace Rung.Core.Policy;

/// <summary>The stage policy's verdict on one proposal.</summary>
/// <param name="Disposition">What happens to it.</param>
/// <param name="Reasons">Why, one sentence each; empty for a plain commit or log.</param>
/// <param name="BlockedBy">The guard rule that blocked it, when <paramref name="Disposition"/> is Blocked.</param>
public sealed record PolicyDecision(Disposition Disposition, IReadOnlyList<string> Reasons, string? BlockedBy = null);
