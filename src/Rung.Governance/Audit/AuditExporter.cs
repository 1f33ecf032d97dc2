using System.Globalization;
using System.Text.Json;
using Rung.Governance.Signatures;
using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Governance.Audit;

/// <summary>
/// Writes the audit trail and signatures as CSV or JSON, with the verification result of the whole trail at the
/// top, so an exported copy says whether the trail it came from was intact.
/// </summary>
public static class AuditExporter
{
    /// <summary>Writes JSON: verification, filter, entries and signatures (with their manifestations).</summary>
    public static async Task WriteJsonAsync(
        Stream output, AuditVerification verification, AuditQuery filter, IReadOnlyList<AuditEntry> entries, IReadOnlyList<SignatureRecord> signatures,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(signatures);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("verification");
        json.WriteBoolean("valid", verification.IsValid);
        json.WriteString("summary", verification.Summary);
        json.WriteNumber("entriesChecked", verification.EntriesChecked);
        json.WriteNumber("headSequence", verification.HeadSequence);
        json.WriteStartArray("problems");
        foreach (var p in verification.Problems)
        {
            json.WriteStartObject();
            json.WriteString("kind", p.Kind.ToString());
            json.WriteNumber("sequence", p.Sequence);
            json.WriteString("message", p.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("filter");
        json.WriteString("recordType", filter.RecordType);
        json.WriteString("recordId", filter.RecordId);
        json.WriteString("actor", filter.Actor);
        json.WriteString("from", filter.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("to", filter.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteStartArray("entries");
        foreach (var e in entries)
        {
            json.WriteStartObject();
            json.WriteNumber("seq", e.Sequence);
            json.WriteString("at", Time(e.At));
            json.WriteString("actor", e.Actor);
            json.WriteString("recordType", e.RecordType);
            json.WriteString("recordId", e.RecordId);
            json.WriteString("action", e.Action);
            json.WriteString("oldValue", e.OldValue);
            json.WriteString("newValue", e.NewValue);
            json.WriteString("reason", e.Reason);
            json.WriteString("prevHash", e.PreviousHash);
            json.WriteString("hash", e.Hash);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("signatures");
        foreach (var s in signatures)
        {
            json.WriteStartObject();
            json.WriteString("signatureId", s.SignatureId);
            json.WriteString("userId", s.UserId);
            json.WriteString("printedName", s.PrintedName);
            json.WriteString("meaning", s.Meaning);
            json.WriteString("at", Time(s.At));
            json.WriteString("recordType", s.RecordType);
            json.WriteString("recordId", s.RecordId);
            json.WriteString("recordSha256", s.RecordSha256);
            json.WriteString("manifestation", SignatureManifest.Manifestation(s));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes CSV (RFC 4180 quoting): a first row with the verification result, a header, then one row per audit
    /// entry (<c>kind=audit</c>) and per signature (<c>kind=signature</c>, its manifestation in <c>reason</c>).
    /// </summary>
    public static async Task WriteCsvAsync(
        TextWriter output, AuditVerification verification, IReadOnlyList<AuditEntry> entries, IReadOnlyList<SignatureRecord> signatures,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(signatures);
        await output.WriteLineAsync(Row("verification", verification.IsValid ? "valid" : "broken", verification.Summary).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(Row("kind", "seq", "at_utc", "actor", "record_type", "record_id", "action", "old_value", "new_value", "reason", "prev_hash", "hash").AsMemory(), cancellationToken).ConfigureAwait(false);
        foreach (var e in entries)
        {
            await output.WriteLineAsync(Row(
                "audit", e.Sequence.ToString(CultureInfo.InvariantCulture), Time(e.At), e.Actor, e.RecordType, e.RecordId, e.Action,
                e.OldValue, e.NewValue, e.Reason, e.PreviousHash, e.Hash).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        foreach (var s in signatures)
        {
            await output.WriteLineAsync(Row(
                "signature", string.Empty, Time(s.At), s.UserId, s.RecordType, s.RecordId, "sign:" + s.Meaning,
                null, s.RecordSha256, SignatureManifest.Manifestation(s), null, s.SignatureId).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static string Row(params string?[] fields) => string.Join(',', fields.Select(Quote));

    private static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
