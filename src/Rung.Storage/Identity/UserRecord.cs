namespace Rung.Storage.Identity;

/// <summary>A person's account as stored. The id is never reused: an account is deactivated, never deleted.</summary>
/// <param name="UserId">Unique, permanent id.</param>
/// <param name="PrintedName">The name shown with the person's signatures.</param>
/// <param name="Roles">Role names.</param>
/// <param name="Zones">Scope prefixes the person may act on (for example <c>acme/dortmund/machining/line3</c>); <c>*</c> for every zone.</param>
/// <param name="Active">False once deactivated.</param>
/// <param name="PasswordHash">The encoded password hash with its parameters (never the password).</param>
/// <param name="PasswordChangedAt">When the password was last set (for ageing).</param>
/// <param name="MustChangePassword">True after an administrator reset: the one-time password must be changed before use.</param>
/// <param name="FailedAttempts">Consecutive wrong passwords since the last success.</param>
/// <param name="LockedAt">When the account was locked after too many wrong passwords, or null.</param>
/// <param name="CreatedAt">When the account was created.</param>
public sealed record UserRecord(
    string UserId,
    string PrintedName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Zones,
    bool Active,
    string PasswordHash,
    DateTimeOffset PasswordChangedAt,
    bool MustChangePassword,
    int FailedAttempts,
    DateTimeOffset? LockedAt,
    DateTimeOffset CreatedAt);
