namespace Rung.Governance.Identity;

/// <summary>A newly created machine token. <see cref="Token"/> is shown once and never stored.</summary>
/// <param name="TokenId">Public id (for lists, revocation and audit entries).</param>
/// <param name="Token">The secret to hand to the machine.</param>
public sealed record CreatedToken(string TokenId, string Token);
