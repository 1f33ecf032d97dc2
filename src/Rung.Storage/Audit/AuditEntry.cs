namespace Rung.Storage.Audit;

/// <summary>One stored audit entry, exactly as read from the store (it may have been tampered with: verify it).</summary>
/// <param name="Sequence">Position in the chain, 1 for the first entry, without gaps.</param>
/// <param name="At">Server time (UTC) when it was appended.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="RecordType">The kind of record.</param>
/// <param name="RecordId">The record's id.</param>
/// <param name="Action">What happened.</param>
/// <param name="OldValue">Canonical JSON before, or null.</param>
/// <param name="NewValue">Canonical JSON after, or null.</param>
/// <param name="Reason">Why, or null.</param>
/// <param name="PreviousHash">The previous entry's <see cref="Hash"/> (the genesis value for the first entry).</param>
/// <param name="Hash">SHA-256 (hex) of this entry's canonical form, which includes <paramref name="PreviousHash"/>.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string RecordType,
    string RecordId,
    string Action,
    string? OldValue,
    string? NewValue,
    string? Reason,
    string PreviousHash,
    string Hash);
