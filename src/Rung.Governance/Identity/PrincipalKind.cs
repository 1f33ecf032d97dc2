namespace Rung.Governance.Identity;

/// <summary>Who is acting: a signed-in person or a machine token.</summary>
public enum PrincipalKind
{
    /// <summary>A person with a session.</summary>
    User,

    /// <summary>A machine identity (API token).</summary>
    Token,
}
