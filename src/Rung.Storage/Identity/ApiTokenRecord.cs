namespace Rung.Storage.Identity;

/// <summary>A machine identity as stored: only the SHA-256 of the token is kept.</summary>
/// <param name="TokenId">Public id of the token (shown in lists and audit entries).</param>
/// <param name="Sha256">SHA-256 (hex) of the token text.</param>
/// <param name="Name">What the token is for, for example <c>line3-edge</c>.</param>
/// <param name="Roles">Role names it acts with.</param>
/// <param name="Zones">Scope prefixes it may act on.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="RevokedAt">When it was revoked, or null while valid.</param>
public sealed record ApiTokenRecord(
    string TokenId,
    string Sha256,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Zones,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
