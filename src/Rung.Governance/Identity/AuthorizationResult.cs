namespace Rung.Governance.Identity;

/// <summary>The answer to an authorization question.</summary>
/// <param name="Allowed">True when the actor may perform the operation on the scope.</param>
/// <param name="Reason">Why not, in words a person can act on; empty when allowed.</param>
public sealed record AuthorizationResult(bool Allowed, string Reason)
{
    /// <summary>Allowed.</summary>
    public static AuthorizationResult Allow { get; } = new(true, string.Empty);

    /// <summary>Denied for a reason.</summary>
    public static AuthorizationResult Deny(string reason) => new(false, reason);
}
