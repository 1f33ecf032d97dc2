namespace Rung.Storage.Audit;

/// <summary>
/// The append-only, hash-chained audit trail. There is deliberately no method to change or delete an entry;
/// the only removal is archiving entries older than the retention period, which leaves an anchor so the rest
/// still verifies. Implementations are safe to call from several threads.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends one entry stamped with the server's UTC time, chained to the current head.</summary>
    /// <exception cref="ArgumentException">The draft is incomplete (see <see cref="AuditDraft.Validate"/>).</exception>
    Task<AuditEntry> AppendAuditAsync(AuditDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Entries matching the query, in stored order (sequence, then insertion), exactly as stored.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditEntriesAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the entries matching the query, newest first, read by a keyset on the sequence so it costs the page,
    /// not the trail: <see cref="AuditPageRequest.Before"/> gives the next older page, <see cref="AuditPageRequest.After"/>
    /// the next newer one. Rows sharing a sequence (a tampered trail) may straddle two pages; verification reads
    /// <see cref="GetAuditEntriesAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The page request is invalid (see <see cref="AuditPageRequest.Validate"/>).</exception>
    Task<IReadOnlyList<AuditEntry>> GetAuditPageAsync(AuditQuery query, AuditPageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The newest entry, or null when the trail is empty.</summary>
    Task<AuditEntry?> GetAuditHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a signed checkpoint; one for a sequence already checkpointed is ignored (returns false).</summary>
    Task<bool> AppendAuditCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Every stored checkpoint, oldest first.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> GetAuditCheckpointsAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest archive anchor, or null when nothing was archived.</summary>
    Task<AuditAnchor?> GetAuditAnchorAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes entries up to <paramref name="throughSequence"/> after they were exported to an archive file, and
    /// records the anchor and an audit entry saying so, in one transaction.
    /// </summary>
    /// <param name="throughSequence">The last entry to remove.</param>
    /// <param name="retainedFrom">Entries at or after this time are inside the retention period; none may be removed.</param>
    /// <param name="archiveSha256">SHA-256 of the archive file.</param>
    /// <param name="archiveName">The archive file's name.</param>
    /// <param name="actor">Who archived.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="InvalidOperationException">An entry to remove is inside the retention period, or the sequence is not in the trail.</exception>
    Task<AuditAnchor> ArchiveAuditAsync(long throughSequence, DateTimeOffset retainedFrom, string archiveSha256, string archiveName, string actor, CancellationToken cancellationToken = default);
}
