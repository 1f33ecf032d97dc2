using Rung.Storage.Audit;

namespace Rung.Governance.Audit;

/// <summary>
/// Verifies only the entries after a verified prefix, so a check costs what was appended since the last one, not
/// the whole trail. The prefix is the newer of the one given (an earlier walk in this process) and the newest
/// checkpoint validly signed by the server key. The check recomputes every entry after the prefix, requires the
/// prefix's own entry to still hold its hash and the chain to link to it, and checks the checkpoints after it
/// (truncation of the newest entries included). It does not walk the entries before the prefix again: a change
/// there that leaves the prefix entry untouched is found by <see cref="AuditVerifier"/> (the full verification)
/// only. When the prefix's entry is missing or changed, it falls back to the full verification.
/// </summary>
public static class AuditQuickVerifier
{
    /// <summary>Verifies the entries after <paramref name="known"/> or the newest signed checkpoint, whichever is newer.</summary>
    /// <param name="store">The audit store.</param>
    /// <param name="key">The server key that signed the checkpoints; null when it is missing (no checkpoint can then be a prefix).</param>
    /// <param name="checkpointFilePath">The checkpoint file outside the database.</param>
    /// <param name="known">A prefix verified earlier in this process, or null.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The result; its <see cref="AuditVerification.Prefix"/> names the prefix that was not walked again, null after a full walk.</returns>
    public static async Task<AuditVerification> VerifyAsync(
        IAuditStore store, ServerKey? key, string checkpointFilePath, AuditVerifiedPrefix? known, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var anchor = await store.GetAuditAnchorAsync(cancellationToken).ConfigureAwait(false);
        var stored = await store.GetAuditCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var (fromFile, fileProblems) = await CheckpointFile.ReadAsync(checkpointFilePath, cancellationToken).ConfigureAwait(false);
        var archived = anchor?.ThroughSequence ?? 0;
        var start = Newer(known, NewestSigned(stored.Concat(fromFile), key), archived);
        if (start is null)
        {
            return await AuditVerifier.VerifyAsync(store, key, checkpointFilePath, cancellationToken).ConfigureAwait(false);
        }

        var tail = await store.GetAuditEntriesAsync(new AuditQuery { FromSequence = start.Sequence }, cancellationToken).ConfigureAwait(false);
        if (!Holds(tail, start))
        {
            // The full walk names what happened to the prefix's entry.
            return await AuditVerifier.VerifyAsync(store, key, checkpointFilePath, cancellationToken).ConfigureAwait(false);
        }

        bool After(AuditCheckpoint c) => c.Sequence >= start.Sequence;
        var result = AuditVerifier.VerifyFrom(
            [.. tail.Skip(1)], start.Sequence, start.Hash, archived, [.. stored.Where(After)], [.. fromFile.Where(After)], key) with { Prefix = start };
        return fileProblems.Count == 0
            ? result
            : result with { Problems = [.. result.Problems, .. fileProblems.Select(p => new AuditProblem(AuditProblemKind.Checkpoint, 0, p))] };
    }

    private static AuditVerifiedPrefix? NewestSigned(IEnumerable<AuditCheckpoint> checkpoints, ServerKey? key)
    {
        if (key is null)
        {
            return null;
        }

        var signed = checkpoints.OrderByDescending(c => c.Sequence).FirstOrDefault(c => c.KeyId == key.KeyId && key.Verify(c.SignedText, c.Signature));
        return signed is null ? null : new AuditVerifiedPrefix(signed.Sequence, signed.Hash, $"signed checkpoint of {signed.At:u}");
    }

    private static AuditVerifiedPrefix? Newer(AuditVerifiedPrefix? a, AuditVerifiedPrefix? b, long archived)
    {
        var newer = a is null ? b : b is null || a.Sequence >= b.Sequence ? a : b;
        return newer is not null && newer.Sequence > archived ? newer : null;
    }

    private static bool Holds(IReadOnlyList<AuditEntry> tail, AuditVerifiedPrefix start) =>
        tail.Count > 0
        && tail[0].Sequence == start.Sequence
        && tail[0].Hash == start.Hash
        && AuditHash.Compute(tail[0]) == tail[0].Hash
        && (tail.Count == 1 || tail[1].Sequence != start.Sequence);
}
