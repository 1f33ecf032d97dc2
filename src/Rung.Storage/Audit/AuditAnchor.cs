namespace Rung.Storage.Audit;

/// <summary>Where the stored chain starts after entries were archived.</summary>
/// <param name="ThroughSequence">The last archived (removed) entry.</param>
/// <param name="ThroughHash">Its hash: the previous hash the first remaining entry must carry.</param>
/// <param name="ArchivedAt">When it was archived.</param>
/// <param name="ArchiveSha256">SHA-256 of the archive file holding the removed entries.</param>
/// <param name="ArchiveName">The archive file's name.</param>
public sealed record AuditAnchor(long ThroughSequence, string ThroughHash, DateTimeOffset ArchivedAt, string ArchiveSha256, string ArchiveName);
