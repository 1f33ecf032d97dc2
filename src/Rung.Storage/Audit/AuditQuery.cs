namespace Rung.Storage.Audit;

/// <summary>A filter on the audit trail; every part is optional and they combine with AND.</summary>
/// <param name="RecordType">Only entries about this kind of record.</param>
/// <param name="RecordId">Only entries about this record id.</param>
/// <param name="Actor">Only entries by this person or machine.</param>
/// <param name="From">Only entries at or after this time.</param>
/// <param name="To">Only entries before this time.</param>
public sealed record AuditQuery(string? RecordType = null, string? RecordId = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>No filter: the whole trail.</summary>
    public static AuditQuery All { get; } = new();

    /// <summary>Only entries with this sequence or a later one (the tail after a verified prefix); null for all.</summary>
    public long? FromSequence { get; init; }

    /// <summary>True when the query selects every entry.</summary>
    public bool IsAll => RecordType is null && RecordId is null && Actor is null && From is null && To is null && FromSequence is null;

    /// <summary>True when a time range and a person are both given: the read goes through the (actor, at) index.</summary>
    internal bool ByActorInTime => Actor is not null && (From is not null || To is not null);
}
