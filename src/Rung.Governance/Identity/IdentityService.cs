using System.Security.Cryptography;
using System.Text;
using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Governance.Identity;

/// <summary>
/// Sign-in, authorization, accounts and machine tokens: the API the web console, the REST API and the CLI call.
/// Every change and every failed attempt is audited. Safe to use from several threads.
/// </summary>
/// <remarks>Account operations take the acting user id; the caller authorizes them first
/// (<see cref="Operation.ManageUsers"/>, <see cref="Operation.ManageTokens"/>).</remarks>
public sealed class IdentityService
{
    private const string TokenPrefix = "rung_";
    private readonly IIdentityStore _store;
    private readonly IAuditStore _audit;
    private readonly ISecurityAlarms _alarms;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public IdentityService(IIdentityStore store, IAuditStore audit, ISecurityAlarms alarms, IdentityOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _audit = audit;
        _alarms = alarms;
        Options = options.Validate();
        _time = timeProvider;
    }

    /// <summary>The rules in force.</summary>
    public IdentityOptions Options { get; }

    /// <summary>Checks user id and password and opens a session.</summary>
    public async Task<SignInResult> SignInAsync(string userId, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(password);
        var (status, user) = await CheckPasswordAsync(userId, password, "sign_in", cancellationToken).ConfigureAwait(false);
        if (status != SignInStatus.Success)
        {
            return new SignInResult(status, null, Describe(status, userId));
        }

        var now = _time.GetUtcNow();
        var session = new Session(RandomNumberGenerator.GetHexString(32, lowercase: true), ToPrincipal(user!), now);
        await _audit.AppendAuditAsync(new AuditDraft(user!.UserId, AuditRecordTypes.User, user.UserId, "sign_in", null, null, null), cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInStatus.Success, session, $"Signed in as {user.PrintedName}.");
    }

    /// <summary>True while the session is usable; records activity so the idle timeout starts again.</summary>
    public bool TryUse(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = _time.GetUtcNow();
        if (session.IsExpired(now, Options.IdleTimeout))
        {
            session.End();
            return false;
        }

        session.Touch(now);
        return true;
    }

    /// <summary>Ends a session.</summary>
    public static void SignOut(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.End();
    }

    /// <summary>
    /// May <paramref name="principal"/> perform <paramref name="operation"/> on <paramref name="scope"/> (an ISA-95
    /// scope, or <see cref="Zones.Everywhere"/> for operations that belong to no line)? Checks roles, zones and that
    /// the account or token is still valid. Denials are audited.
    /// </summary>
    public async Task<AuthorizationResult> AuthorizeAsync(Principal principal, Operation operation, string scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(scope);
        var result = await DecideAsync(principal, operation, scope, cancellationToken).ConfigureAwait(false);
        if (!result.Allowed)
        {
            await _audit.AppendAuditAsync(
                new AuditDraft(principal.Id, "authorization", operation.ToString(), "deny", null, null, $"{scope}: {result.Reason}"),
                cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The principal of a valid token, or null when the token is unknown or revoked.</summary>
    public async Task<Principal?> AuthenticateTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var record = await _store.FindTokenAsync(TokenHash(token), cancellationToken).ConfigureAwait(false);
        return record is null || record.RevokedAt is not null ? null : ToPrincipal(record);
    }

    /// <summary>Creates a user with an initial password.</summary>
    /// <exception cref="ArgumentException">The id, name, a zone or the password is not acceptable.</exception>
    /// <exception cref="InvalidOperationException">The id exists or belonged to a deactivated user.</exception>
    public async Task AddUserAsync(string userId, string printedName, IReadOnlyCollection<Role> roles, IReadOnlyCollection<string> zones, string password, string actor, CancellationToken cancellationToken = default)
    {
        ValidateUserId(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(printedName);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        RequireGoodPassword(userId, password);
        var now = _time.GetUtcNow();
        var user = new UserRecord(
            userId, printedName.Trim(), RoleNames(roles), ValidZones(zones), true,
            PasswordHasher.Hash(password, Options.Pbkdf2Iterations), now, false, 0, null, now);
        await _store.AddUserAsync(user, actor, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deactivates a user. The id stays taken forever.</summary>
    /// <exception cref="KeyNotFoundException">The user is unknown.</exception>
    public async Task DeactivateAsync(string userId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        var user = await RequireUserAsync(userId, cancellationToken).ConfigureAwait(false);
        await _store.UpdateUserAsync(user with { Active = false }, actor, "deactivate", reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a user's roles, and zones when <paramref name="zones"/> is given.</summary>
    public async Task SetRolesAsync(string userId, IReadOnlyCollection<Role> roles, IReadOnlyCollection<string>? zones, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var user = await RequireUserAsync(userId, cancellationToken).ConfigureAwait(false);
        var changed = user with { Roles = RoleNames(roles), Zones = zones is null ? user.Zones : ValidZones(zones) };
        await _store.UpdateUserAsync(changed, actor, "set_roles", reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets a one-time password and unlocks the account. The user must change it at the next sign-in, so the
    /// administrator never knows the password the person signs with.
    /// </summary>
    public async Task ResetPasswordAsync(string userId, string oneTimePassword, string actor, string reason, CancellationToken cancellationToken = default)
    {
        var user = await RequireUserAsync(userId, cancellationToken).ConfigureAwait(false);
        RequireGoodPassword(userId, oneTimePassword);
        var reset = user with
        {
            PasswordHash = PasswordHasher.Hash(oneTimePassword, Options.Pbkdf2Iterations),
            PasswordChangedAt = _time.GetUtcNow(),
            MustChangePassword = true,
            FailedAttempts = 0,
            LockedAt = null,
        };
        await _store.UpdateUserAsync(reset, actor, "reset_password", reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The person changes their own password. Returns false when the current password is wrong (counted toward lockout).</summary>
    /// <exception cref="ArgumentException">The new password breaks a rule or equals the current one.</exception>
    public async Task<bool> ChangePasswordAsync(string userId, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newPassword);
        RequireGoodPassword(userId, newPassword);
        if (newPassword == currentPassword)
        {
            throw new ArgumentException("The new password must differ from the current one.", nameof(newPassword));
        }

        var (status, user) = await CheckPasswordAsync(userId, currentPassword, "change_password", cancellationToken, allowChangeRequired: true).ConfigureAwait(false);
        if (status != SignInStatus.Success)
        {
            return false;
        }

        var changed = user! with
        {
            PasswordHash = PasswordHasher.Hash(newPassword, Options.Pbkdf2Iterations),
            PasswordChangedAt = _time.GetUtcNow(),
            MustChangePassword = false,
        };
        await _store.UpdateUserAsync(changed, userId, "change_password", "password changed by its owner", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Creates a machine token limited to <paramref name="zones"/>. The token text is returned once; only its SHA-256 is kept.</summary>
    public async Task<CreatedToken> CreateTokenAsync(string name, IReadOnlyCollection<Role> roles, IReadOnlyCollection<string> zones, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (zones is null || zones.Count == 0)
        {
            throw new ArgumentException($"Token '{name}' needs at least one zone: a machine acts on named lines only.", nameof(zones));
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var tokenId = "tok_" + RandomNumberGenerator.GetHexString(12, lowercase: true);
        var record = new ApiTokenRecord(tokenId, TokenHash(token), name.Trim(), RoleNames(roles), ValidZones(zones), actor, _time.GetUtcNow(), null);
        await _store.AddTokenAsync(record, null, cancellationToken).ConfigureAwait(false);
        return new CreatedToken(tokenId, token);
    }

    /// <summary>Revokes a token at once; returns false when it was already revoked.</summary>
    public Task<bool> RevokeTokenAsync(string tokenId, string actor, string reason, CancellationToken cancellationToken = default) =>
        _store.RevokeTokenAsync(tokenId, actor, reason, cancellationToken);

    /// <summary>
    /// Checks a password for a purpose (<c>sign_in</c>, <c>signature</c>, ...). A wrong one is counted, audited and
    /// locks the account at the threshold (raising the lockout alarm). Returns the user on success.
    /// </summary>
    internal async Task<(SignInStatus Status, UserRecord? User)> CheckPasswordAsync(
        string userId, string password, string purpose, CancellationToken cancellationToken, bool allowChangeRequired = false)
    {
        var user = await _store.GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            await _audit.AppendAuditAsync(new AuditDraft(userId, AuditRecordTypes.User, userId, purpose + "_failed", null, null, "unknown user"), cancellationToken).ConfigureAwait(false);
            return (SignInStatus.InvalidCredentials, null);
        }

        if (!user.Active)
        {
            await _audit.AppendAuditAsync(new AuditDraft(userId, AuditRecordTypes.User, userId, purpose + "_failed", null, null, "account deactivated"), cancellationToken).ConfigureAwait(false);
            return (SignInStatus.Deactivated, null);
        }

        if (user.LockedAt is not null)
        {
            await _audit.AppendAuditAsync(new AuditDraft(userId, AuditRecordTypes.User, userId, purpose + "_failed", null, null, "account locked"), cancellationToken).ConfigureAwait(false);
            return (SignInStatus.LockedOut, null);
        }

        if (!PasswordHasher.Verify(password, user.PasswordHash))
        {
            return (await CountFailureAsync(user, purpose, cancellationToken).ConfigureAwait(false), null);
        }

        var now = _time.GetUtcNow();
        if (!allowChangeRequired && (user.MustChangePassword || now - user.PasswordChangedAt > Options.PasswordMaxAge))
        {
            return (SignInStatus.PasswordChangeRequired, null);
        }

        var current = user;
        if (user.FailedAttempts > 0 || PasswordHasher.IterationsOf(user.PasswordHash) < Options.Pbkdf2Iterations)
        {
            // The right password is the one moment the hash can be redone with today's (higher) iteration count.
            current = user with
            {
                FailedAttempts = 0,
                PasswordHash = PasswordHasher.IterationsOf(user.PasswordHash) < Options.Pbkdf2Iterations ? PasswordHasher.Hash(password, Options.Pbkdf2Iterations) : user.PasswordHash,
            };
            await _store.UpdateUserAsync(current, userId, "password_accepted", "correct password after failures or with outdated hash parameters", cancellationToken).ConfigureAwait(false);
        }

        return (SignInStatus.Success, current);
    }

    internal static Principal ToPrincipal(UserRecord user) =>
        new(PrincipalKind.User, user.UserId, user.PrintedName, ParseRoles(user.Roles), user.Zones);

    private static Principal ToPrincipal(ApiTokenRecord token) =>
        new(PrincipalKind.Token, "token:" + token.TokenId, token.Name, ParseRoles(token.Roles), token.Zones);

    private async Task<SignInStatus> CountFailureAsync(UserRecord user, string purpose, CancellationToken cancellationToken)
    {
        var failures = user.FailedAttempts + 1;
        var now = _time.GetUtcNow();
        var locked = failures >= Options.MaxFailedAttempts;
        var counted = user with { FailedAttempts = failures, LockedAt = locked ? now : null };
        await _store.UpdateUserAsync(
            counted, user.UserId, locked ? "lockout" : purpose + "_failed",
            $"wrong password ({failures} of {Options.MaxFailedAttempts} allowed)", cancellationToken).ConfigureAwait(false);
        if (locked)
        {
            await _alarms.RaiseLockoutAsync(counted, failures, now, cancellationToken).ConfigureAwait(false);
            return SignInStatus.LockedOut;
        }

        return SignInStatus.InvalidCredentials;
    }

    private async Task<AuthorizationResult> DecideAsync(Principal principal, Operation operation, string scope, CancellationToken cancellationToken)
    {
        if (!Permissions.AllowsAny(principal.Roles, operation))
        {
            return AuthorizationResult.Deny($"{principal.Id} has no role that allows {operation} (roles: {string.Join(", ", principal.Roles)}).");
        }

        if (!Zones.AnyCovers(principal.Zones, scope))
        {
            return AuthorizationResult.Deny($"{principal.Id} may act on {string.Join(", ", principal.Zones)}, not on '{scope}'.");
        }

        if (principal.Kind == PrincipalKind.User)
        {
            var user = await _store.GetUserAsync(principal.Id, cancellationToken).ConfigureAwait(false);
            if (user is null || !user.Active || user.LockedAt is not null)
            {
                return AuthorizationResult.Deny($"{principal.Id} is no longer an active, unlocked user.");
            }
        }

        return AuthorizationResult.Allow;
    }

    private async Task<UserRecord> RequireUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return await _store.GetUserAsync(userId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No user '{userId}'. `rung user list` shows the users.");
    }

    private void RequireGoodPassword(string userId, string password)
    {
        var problem = PasswordRules.Check(userId, password, Options);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(password));
        }
    }

    private static void ValidateUserId(string userId)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > 64 || userId.StartsWith("token:", StringComparison.Ordinal) || userId == "system"
            || !userId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            throw new ArgumentException(
                $"User id '{userId}' is not acceptable: use 1-64 letters, digits, '.', '-', '_' or '@' (not 'system', not 'token:...').", nameof(userId));
        }
    }

    private static List<string> RoleNames(IReadOnlyCollection<Role> roles) =>
        [.. roles.Distinct().Order().Select(r => r.ToString())];

    private static List<string> ValidZones(IReadOnlyCollection<string> zones) =>
        zones is null || zones.Count == 0 ? [Zones.Everywhere] : [.. zones.Select(Zones.Validate).Distinct(StringComparer.Ordinal)];

    private static HashSet<Role> ParseRoles(IReadOnlyList<string> names) =>
        [.. names.Select(n => Enum.TryParse<Role>(n, out var r) ? (Role?)r : null).OfType<Role>()];

    private static string TokenHash(string token) => AuditHash.Sha256Hex(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Describe(SignInStatus status, string userId) => status switch
    {
        SignInStatus.InvalidCredentials => "Unknown user or wrong password.",
        SignInStatus.LockedOut => $"Account '{userId}' is locked after too many wrong passwords; an administrator must reset the password.",
        SignInStatus.Deactivated => $"Account '{userId}' is deactivated.",
        SignInStatus.PasswordChangeRequired => $"The password of '{userId}' has expired or was reset; change it before signing in.",
        _ => string.Empty,
    };
}
