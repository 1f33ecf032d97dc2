using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rung.Storage.Audit;

/// <summary>
/// The audit chain's hash: SHA-256 over a canonical JSON form of every field of an entry, including the previous
/// entry's hash. The form is fixed (field order, UTC ticks for time, null for absent values) so that an
/// independent verifier can recompute it byte for byte.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry: SHA-256 of the empty string.</summary>
    public static string Genesis { get; } = Convert.ToHexStringLower(SHA256.HashData([]));

    /// <summary>Recomputes the hash an entry must carry from its other fields (its stored hash is ignored).</summary>
    public static string Compute(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(entry)));
    }

    /// <summary>The canonical bytes hashed for an entry.</summary>
    public static byte[] CanonicalBytes(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("v", "rung.audit/1");
            writer.WriteNumber("seq", entry.Sequence);
            writer.WriteNumber("at", entry.At.UtcTicks);
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("recordType", entry.RecordType);
            writer.WriteString("recordId", entry.RecordId);
            writer.WriteString("action", entry.Action);
            writer.WriteString("old", entry.OldValue);
            writer.WriteString("new", entry.NewValue);
            writer.WriteString("reason", entry.Reason);
            writer.WriteString("prev", entry.PreviousHash);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>SHA-256 of bytes as lower-case hex.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>SHA-256 of a string's UTF-8 bytes as lower-case hex.</summary>
    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));
}
