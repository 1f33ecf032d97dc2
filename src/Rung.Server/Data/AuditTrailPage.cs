using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Server.Data;

/// <summary>One page of the audit trail as the console shows it, newest first.</summary>
/// <param name="Entries">The entries, newest first, at most the page size.</param>
/// <param name="HasOlder">True when older entries match the filter (the "older" cursor is the last entry's sequence).</param>
/// <param name="HasNewer">True when newer entries match the filter (the "newer" cursor is the first entry's sequence).</param>
/// <param name="Signatures">The signatures given to the records the filter selects, by the people and in the time it names.</param>
public sealed record AuditTrailPage(IReadOnlyList<AuditEntry> Entries, bool HasOlder, bool HasNewer, IReadOnlyList<SignatureRecord> Signatures);
