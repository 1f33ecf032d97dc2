namespace Rung.Storage.Identity;

/// <summary>
/// Users, machine tokens and electronic signatures. Every write is audited in the same transaction; the audit
/// entry never contains a password hash or a token. Implementations are safe to call from several threads.
/// </summary>
public interface IIdentityStore
{
    /// <summary>Creates a user.</summary>
    /// <exception cref="InvalidOperationException">The id exists, active or deactivated: ids are never reused.</exception>
    Task AddUserAsync(UserRecord user, string actor, string? reason, CancellationToken cancellationToken = default);

    /// <summary>The user, or null.</summary>
    Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Every user (deactivated ones too), ordered by id.</summary>
    Task<IReadOnlyList<UserRecord>> GetUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored user with <paramref name="user"/> and audits the change as <paramref name="action"/>.</summary>
    /// <exception cref="KeyNotFoundException">The user is unknown.</exception>
    /// <exception cref="ArgumentException">The reason is empty: every change needs one.</exception>
    Task UpdateUserAsync(UserRecord user, string actor, string action, string reason, CancellationToken cancellationToken = default);

    /// <summary>Stores a new token.</summary>
    /// <exception cref="InvalidOperationException">The token id exists.</exception>
    Task AddTokenAsync(ApiTokenRecord token, string? reason, CancellationToken cancellationToken = default);

    /// <summary>The token whose SHA-256 is <paramref name="sha256"/>, revoked or not, or null.</summary>
    Task<ApiTokenRecord?> FindTokenAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Every token, ordered by id.</summary>
    Task<IReadOnlyList<ApiTokenRecord>> GetTokensAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes a token; returns false when it was already revoked.</summary>
    /// <exception cref="KeyNotFoundException">The token is unknown.</exception>
    Task<bool> RevokeTokenAsync(string tokenId, string actor, string reason, CancellationToken cancellationToken = default);

    /// <summary>Stores a signature (its time is the server's) and audits it, in one transaction.</summary>
    Task AppendSignatureAsync(SignatureRecord signature, CancellationToken cancellationToken = default);

    /// <summary>Signatures on a record (all of them when both are null), oldest first.</summary>
    Task<IReadOnlyList<SignatureRecord>> GetSignaturesAsync(string? recordType, string? recordId, CancellationToken cancellationToken = default);
}
