using Npgsql;
using Rung.Storage.Audit;
using Rung.Storage.Identity;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : IIdentityStore
{
    /// <inheritdoc />
    public Task AddUserAsync(UserRecord user, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.UserId, nameof(user));
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            transaction =>
            {
                using (var exists = WriteCommand(transaction, "SELECT active FROM users WHERE user_id = @id;"))
                {
                    exists.Add("@id", user.UserId);
                    if (exists.ExecuteScalar() is int active)
                    {
                        throw new InvalidOperationException(active != 0
                            ? $"User '{user.UserId}' already exists."
                            : $"User id '{user.UserId}' belonged to a deactivated user; user ids are never reused. Choose another id.");
                    }
                }

                using (var insert = WriteCommand(transaction, $"""
                    INSERT INTO users ({IdentityRows.UserColumns})
                    VALUES (@id, @name, @roles, @zones, @active, @hash, @changed, @must, @failed, @locked, @created);
                    """))
                {
                    BindUser(insert, user);
                    insert.ExecuteNonQuery();
                }

                AppendAudit(transaction, new AuditDraft(actor, AuditRecordTypes.User, user.UserId, "create", null, IdentityRows.AuditView(user), reason));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {IdentityRows.UserColumns} FROM users WHERE user_id = @id;";
        command.Add("@id", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? IdentityRows.ReadUser(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UserRecord>> GetUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {IdentityRows.UserColumns} FROM users ORDER BY user_id;";
        var result = new List<UserRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(IdentityRows.ReadUser(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public Task UpdateUserAsync(UserRecord user, string actor, string action, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"The {action} of user '{user.UserId}' by '{actor}' gives no reason; every change needs one.", nameof(reason));
        }

        return WriteAsync(
            transaction =>
            {
                UserRecord old;
                using (var select = WriteCommand(transaction, $"SELECT {IdentityRows.UserColumns} FROM users WHERE user_id = @id;"))
                {
                    select.Add("@id", user.UserId);
                    using var reader = select.ExecuteReader();
                    old = reader.Read() ? IdentityRows.ReadUser(reader) : throw new KeyNotFoundException($"No user '{user.UserId}'.");
                }

                using (var update = WriteCommand(transaction, """
                    UPDATE users SET printed_name = @name, roles = @roles, zones = @zones, active = @active, password_hash = @hash,
                        password_changed_at = @changed, must_change = @must, failed_attempts = @failed, locked_at = @locked
                    WHERE user_id = @id;
                    """))
                {
                    BindUser(update, user with { CreatedAt = old.CreatedAt });
                    update.ExecuteNonQuery();
                }

                AppendAudit(transaction, new AuditDraft(
                    actor, AuditRecordTypes.User, user.UserId, action, IdentityRows.AuditView(old), IdentityRows.AuditView(user), reason));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task AddTokenAsync(ApiTokenRecord token, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(token.TokenId, nameof(token));
        ArgumentException.ThrowIfNullOrWhiteSpace(token.Sha256, nameof(token));
        return WriteAsync(
            transaction =>
            {
                using (var insert = WriteCommand(transaction, $"""
                    INSERT INTO api_tokens ({IdentityRows.TokenColumns}) VALUES (@id, @sha, @name, @roles, @zones, @by, @at, NULL)
                    ON CONFLICT (token_id) DO NOTHING;
                    """))
                {
                    insert.Add("@id", token.TokenId);
                    insert.Add("@sha", token.Sha256);
                    insert.Add("@name", token.Name);
                    insert.Add("@roles", IdentityRows.List(token.Roles));
                    insert.Add("@zones", IdentityRows.List(token.Zones));
                    insert.Add("@by", token.CreatedBy);
                    insert.Add("@at", DbTime.ToDb(token.CreatedAt));
                    if (insert.ExecuteNonQuery() == 0)
                    {
                        throw new InvalidOperationException($"Token '{token.TokenId}' already exists.");
                    }
                }

                AppendAudit(transaction, new AuditDraft(token.CreatedBy, AuditRecordTypes.Token, token.TokenId, "create", null, IdentityRows.AuditView(token), reason));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ApiTokenRecord?> FindTokenAsync(string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {IdentityRows.TokenColumns} FROM api_tokens WHERE token_sha256 = @sha;";
        command.Add("@sha", sha256);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? IdentityRows.ReadToken(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiTokenRecord>> GetTokensAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {IdentityRows.TokenColumns} FROM api_tokens ORDER BY token_id;";
        var result = new List<ApiTokenRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(IdentityRows.ReadToken(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public Task<bool> RevokeTokenAsync(string tokenId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            transaction =>
            {
                ApiTokenRecord old;
                using (var select = WriteCommand(transaction, $"SELECT {IdentityRows.TokenColumns} FROM api_tokens WHERE token_id = @id;"))
                {
                    select.Add("@id", tokenId);
                    using var reader = select.ExecuteReader();
                    old = reader.Read() ? IdentityRows.ReadToken(reader) : throw new KeyNotFoundException($"No token '{tokenId}'.");
                }

                if (old.RevokedAt is not null)
                {
                    return false;
                }

                var revoked = old with { RevokedAt = _timeProvider.GetUtcNow() };
                using (var update = WriteCommand(transaction, "UPDATE api_tokens SET revoked_at = @at WHERE token_id = @id;"))
                {
                    update.Add("@at", DbTime.ToDb(revoked.RevokedAt!.Value));
                    update.Add("@id", tokenId);
                    update.ExecuteNonQuery();
                }

                AppendAudit(transaction, new AuditDraft(actor, AuditRecordTypes.Token, tokenId, "revoke", IdentityRows.AuditView(old), IdentityRows.AuditView(revoked), reason));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task AppendSignatureAsync(SignatureRecord signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentException.ThrowIfNullOrWhiteSpace(signature.SignatureId, nameof(signature));
        return WriteAsync(
            transaction =>
            {
                using (var insert = WriteCommand(transaction, $"""
                    INSERT INTO signatures ({IdentityRows.SignatureColumns})
                    VALUES (@id, @user, @name, @meaning, @at, @type, @record, @sha, @seal);
                    """))
                {
                    insert.Add("@id", signature.SignatureId);
                    insert.Add("@user", signature.UserId);
                    insert.Add("@name", signature.PrintedName);
                    insert.Add("@meaning", signature.Meaning);
                    insert.Add("@at", DbTime.ToDb(signature.At));
                    insert.Add("@type", signature.RecordType);
                    insert.Add("@record", signature.RecordId);
                    insert.Add("@sha", signature.RecordSha256);
                    insert.Add("@seal", signature.Seal);
                    insert.ExecuteNonQuery();
                }

                AppendAudit(transaction, new AuditDraft(
                    signature.UserId, AuditRecordTypes.Signature, signature.SignatureId, "sign", null, IdentityRows.AuditView(signature), null));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SignatureRecord>> GetSignaturesAsync(string? recordType, string? recordId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {IdentityRows.SignatureColumns} FROM signatures
            WHERE (CAST(@type AS TEXT) IS NULL OR record_type = @type) AND (CAST(@record AS TEXT) IS NULL OR record_id = @record)
            ORDER BY at, signature_id;
            """;
        command.Add("@type", recordType);
        command.Add("@record", recordId);
        var result = new List<SignatureRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(IdentityRows.ReadSignature(reader));
        }

        return result;
    }

    private static void BindUser(NpgsqlCommand command, UserRecord user)
    {
        command.Add("@id", user.UserId);
        command.Add("@name", user.PrintedName);
        command.Add("@roles", IdentityRows.List(user.Roles));
        command.Add("@zones", IdentityRows.List(user.Zones));
        command.Add("@active", user.Active ? 1 : 0);
        command.Add("@hash", user.PasswordHash);
        command.Add("@changed", DbTime.ToDb(user.PasswordChangedAt));
        command.Add("@must", user.MustChangePassword ? 1 : 0);
        command.Add("@failed", user.FailedAttempts);
        command.Add("@locked", DbValues.FromTime(user.LockedAt));
        command.Add("@created", DbTime.ToDb(user.CreatedAt));
    }
}
