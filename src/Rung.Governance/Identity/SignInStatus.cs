namespace Rung.Governance.Identity;

/// <summary>How a sign-in ended.</summary>
public enum SignInStatus
{
    /// <summary>Signed in; the result carries the session.</summary>
    Success,

    /// <summary>Unknown user or wrong password (deliberately not told apart). A wrong password counts toward lockout.</summary>
    InvalidCredentials,

    /// <summary>Too many wrong passwords; an administrator must reset the password.</summary>
    LockedOut,

    /// <summary>The account is deactivated.</summary>
    Deactivated,

    /// <summary>The password is older than the age limit or was reset by an administrator: change it first.</summary>
    PasswordChangeRequired,
}
