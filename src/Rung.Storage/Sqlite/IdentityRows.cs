using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Storage.Sqlite;

/// <summary>Column lists, readers and audit views of the identity tables.</summary>
internal static class IdentityRows
{
    public const string UserColumns =
        "user_id, printed_name, roles, zones, active, password_hash, password_changed_at, must_change, failed_attempts, locked_at, created_at";

    public const string TokenColumns = "token_id, token_sha256, name, roles, zones, created_by, created_at, revoked_at";

    public const string SignatureColumns = "signature_id, user_id, printed_name, meaning, at, record_type, record_id, record_sha256, seal";

    public static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, IdentityJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyList<string> ReadList(DbDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize(reader.GetString(ordinal), IdentityJsonContext.Default.IReadOnlyListString) ?? [];

    public static UserRecord ReadUser(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ReadList(reader, 2),
        ReadList(reader, 3),
        reader.GetInt64(4) != 0,
        reader.GetString(5),
        DbValues.GetTime(reader, 6),
        reader.GetInt64(7) != 0,
        reader.GetInt32(8),
        DbValues.GetNullableTime(reader, 9),
        DbValues.GetTime(reader, 10));

    public static ApiTokenRecord ReadToken(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        ReadList(reader, 3),
        ReadList(reader, 4),
        reader.GetString(5),
        DbValues.GetTime(reader, 6),
        DbValues.GetNullableTime(reader, 7));

    public static SignatureRecord ReadSignature(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        DbValues.GetTime(reader, 4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetString(8));

    /// <summary>The user as the audit trail shows it: everything but the password hash.</summary>
    public static string AuditView(UserRecord user) => CanonicalJson.Serialize(new JsonObject
    {
        ["userId"] = user.UserId,
        ["printedName"] = user.PrintedName,
        ["roles"] = new JsonArray([.. user.Roles.Select(r => (JsonNode?)r)]),
        ["zones"] = new JsonArray([.. user.Zones.Select(z => (JsonNode?)z)]),
        ["active"] = user.Active,
        ["passwordChangedAt"] = user.PasswordChangedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["mustChangePassword"] = user.MustChangePassword,
        ["failedAttempts"] = user.FailedAttempts,
        ["locked"] = user.LockedAt is not null,
    });

    /// <summary>The token as the audit trail shows it: everything but its hash.</summary>
    public static string AuditView(ApiTokenRecord token) => CanonicalJson.Serialize(new JsonObject
    {
        ["tokenId"] = token.TokenId,
        ["name"] = token.Name,
        ["roles"] = new JsonArray([.. token.Roles.Select(r => (JsonNode?)r)]),
        ["zones"] = new JsonArray([.. token.Zones.Select(z => (JsonNode?)z)]),
        ["createdBy"] = token.CreatedBy,
        ["revoked"] = token.RevokedAt is not null,
    });

    public static string AuditView(SignatureRecord signature) => CanonicalJson.Serialize(new JsonObject
    {
        ["signatureId"] = signature.SignatureId,
        ["userId"] = signature.UserId,
        ["printedName"] = signature.PrintedName,
        ["meaning"] = signature.Meaning,
        ["at"] = signature.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["recordType"] = signature.RecordType,
        ["recordId"] = signature.RecordId,
        ["recordSha256"] = signature.RecordSha256,
    });
}
