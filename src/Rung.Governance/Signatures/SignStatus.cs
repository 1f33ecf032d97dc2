namespace Rung.Governance.Signatures;

/// <summary>How a signing attempt ended.</summary>
public enum SignStatus
{
    /// <summary>Signed and stored.</summary>
    Signed,

    /// <summary>The first signing of a session, or any after the idle timeout, needs the user id as well as the password.</summary>
    UserIdRequired,

    /// <summary>The user id given is not the session's: nobody signs on behalf of someone else.</summary>
    WrongUser,

    /// <summary>Wrong password (counted toward lockout and audited) or no password.</summary>
    InvalidCredentials,

    /// <summary>The account is locked.</summary>
    LockedOut,

    /// <summary>The account is deactivated.</summary>
    Deactivated,

    /// <summary>The password has expired or was reset and must be changed first.</summary>
    PasswordChangeRequired,
}
