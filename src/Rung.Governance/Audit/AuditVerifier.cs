using Rung.Storage.Audit;

namespace Rung.Governance.Audit;

/// <summary>
/// Recomputes the audit chain from the stored entries and checks it against the signed checkpoints kept in the
/// database and in the file outside it. It names the first entry that was changed, inserted, reordered or is
/// missing, and detects truncation of the newest entries through the checkpoints.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies the trail in <paramref name="store"/> with the checkpoints of the database and of <paramref name="checkpointFilePath"/>.</summary>
    /// <param name="store">The audit store.</param>
    /// <param name="key">The server key that signed the checkpoints; null when it is missing (every checkpoint is then reported unverifiable).</param>
    /// <param name="checkpointFilePath">The checkpoint file outside the database.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, ServerKey? key, string checkpointFilePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entries = await store.GetAuditEntriesAsync(AuditQuery.All, cancellationToken).ConfigureAwait(false);
        var anchor = await store.GetAuditAnchorAsync(cancellationToken).ConfigureAwait(false);
        var stored = await store.GetAuditCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var (fromFile, fileProblems) = await CheckpointFile.ReadAsync(checkpointFilePath, cancellationToken).ConfigureAwait(false);
        var result = Verify(entries, anchor, stored, fromFile, key);
        return fileProblems.Count == 0
            ? result
            : result with { Problems = [.. result.Problems, .. fileProblems.Select(p => new AuditProblem(AuditProblemKind.Checkpoint, 0, p))] };
    }

    /// <summary>Verifies entries (in stored order) against an anchor and two sets of checkpoints.</summary>
    public static AuditVerification Verify(
        IReadOnlyList<AuditEntry> entries, AuditAnchor? anchor, IReadOnlyList<AuditCheckpoint> storedCheckpoints, IReadOnlyList<AuditCheckpoint> fileCheckpoints, ServerKey? key)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(storedCheckpoints);
        ArgumentNullException.ThrowIfNull(fileCheckpoints);
        var archived = anchor?.ThroughSequence ?? 0;
        return VerifyFrom(entries, archived, anchor?.ThroughHash ?? AuditHash.Genesis, archived, storedCheckpoints, fileCheckpoints, key);
    }

    /// <summary>
    /// Walks <paramref name="entries"/> as the chain after entry <paramref name="afterSequence"/> (whose hash is
    /// <paramref name="afterHash"/>) and checks every checkpoint against what was walked.
    /// </summary>
    internal static AuditVerification VerifyFrom(
        IReadOnlyList<AuditEntry> entries, long afterSequence, string afterHash, long archivedThrough,
        IReadOnlyList<AuditCheckpoint> storedCheckpoints, IReadOnlyList<AuditCheckpoint> fileCheckpoints, ServerKey? key)
    {
        var first = afterSequence + 1;
        var problems = new List<AuditProblem>();
        var (head, headHash) = WalkChain(entries, first, afterHash, problems);
        var checkpoints = CheckCheckpoints(entries, archivedThrough, afterSequence, head, storedCheckpoints, fileCheckpoints, key, problems);
        return new AuditVerification(entries.Count, first, head, checkpoints, problems) { HeadHash = headHash };
    }

    /// <summary>Walks the chain up to the first problem; returns the last sequence that verified and its hash.</summary>
    private static (long Sequence, string Hash) WalkChain(IReadOnlyList<AuditEntry> entries, long first, string firstPrevious, List<AuditProblem> problems)
    {
        var expected = first;
        var previous = firstPrevious;
        var originalSeqByHash = entries.GroupBy(e => e.Hash, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var hashHolds = AuditHash.Compute(e) == e.Hash;
            if (e.Sequence > expected)
            {
                problems.Add(new AuditProblem(AuditProblemKind.Missing, expected, e.Sequence == expected + 1
                    ? $"Entry {expected} is missing: the trail goes from {expected - 1} to {e.Sequence}; it was deleted."
                    : $"Entries {expected}..{e.Sequence - 1} are missing: the trail goes from {expected - 1} to {e.Sequence}; they were deleted."));
                return (expected - 1, previous);
            }

            if (e.Sequence < expected)
            {
                // Two rows share a sequence number: the one that does not fit the chain is the added one.
                var fake = hashHolds && e.PreviousHash == entries[i - 1].PreviousHash && AuditHash.Compute(entries[i - 1]) != entries[i - 1].Hash ? entries[i - 1] : e;
                problems.Add(new AuditProblem(AuditProblemKind.Inserted, e.Sequence,
                    $"Entry {e.Sequence} was inserted: a second entry with sequence {e.Sequence} ({fake.Action} of {fake.RecordType} '{fake.RecordId}' by '{fake.Actor}') is not part of the chain."));
                return (expected - 1, previous);
            }

            if (!hashHolds)
            {
                problems.Add(ClassifyBadHash(e, previous, originalSeqByHash, first));
                return (expected - 1, previous);
            }

            if (e.PreviousHash != previous)
            {
                var moved = originalSeqByHash.TryGetValue(e.PreviousHash, out var before) ? before.Sequence + 1 : (long?)null;
                problems.Add(moved is { } original && original != e.Sequence
                    ? new AuditProblem(AuditProblemKind.Reordered, e.Sequence, $"Entry {e.Sequence} was reordered: it was written after entry {original - 1}, not after entry {e.Sequence - 1}.")
                    : new AuditProblem(AuditProblemKind.Inserted, e.Sequence,
                        $"Entry {e.Sequence} ({e.Action} of {e.RecordType} '{e.RecordId}' by '{e.Actor}') does not link to entry {e.Sequence - 1}: it was inserted, or the entry before it was replaced."));
                return (expected - 1, previous);
            }

            previous = e.Hash;
            expected++;
        }

        return (expected - 1, previous);
    }

    private static AuditProblem ClassifyBadHash(AuditEntry e, string previous, Dictionary<string, AuditEntry> byHash, long first)
    {
        // An entry moved to another position keeps its content and hash but takes the position's sequence number:
        // the sequence its hash was computed with tells where it was written.
        var original = OriginalSequence(e, first);
        if (original is { } o)
        {
            return new AuditProblem(AuditProblemKind.Reordered, e.Sequence, $"Entry {o} was reordered: it now sits at position {e.Sequence}.");
        }

        if (e.PreviousHash != previous && !byHash.ContainsKey(e.PreviousHash))
        {
            return new AuditProblem(AuditProblemKind.Inserted, e.Sequence,
                $"Entry {e.Sequence} ({e.Action} of {e.RecordType} '{e.RecordId}' by '{e.Actor}') is not part of the chain: it was inserted or rewritten.");
        }

        return new AuditProblem(AuditProblemKind.Changed, e.Sequence,
            $"Entry {e.Sequence} ({e.Action} of {e.RecordType} '{e.RecordId}') was changed: its content no longer matches its hash.");
    }

    private static long? OriginalSequence(AuditEntry e, long first)
    {
        // Bounded search, run once for the first broken entry only.
        const long Window = 10_000;
        for (var k = Math.Max(first, e.Sequence - Window); k <= e.Sequence + Window; k++)
        {
            if (k != e.Sequence && AuditHash.Compute(e with { Sequence = k }) == e.Hash)
            {
                return k;
            }
        }

        return null;
    }

    /// <summary>
    /// Checks every checkpoint's signature, and each one after <paramref name="archivedThrough"/> against the walked
    /// entries: one past the newest entry means the newest entries were deleted, one whose hash differs means the
    /// chain was rewritten up to it. A checkpoint before the walked entries is checked for its signature only.
    /// </summary>
    internal static int CheckCheckpoints(
        IReadOnlyList<AuditEntry> entries, long archivedThrough, long newestWhenEmpty, long head, IReadOnlyList<AuditCheckpoint> stored, IReadOnlyList<AuditCheckpoint> fromFile,
        ServerKey? key, List<AuditProblem> problems)
    {
        var all = new Dictionary<long, AuditCheckpoint>();
        foreach (var checkpoint in stored.Concat(fromFile))
        {
            if (all.TryGetValue(checkpoint.Sequence, out var other) && (other.Hash != checkpoint.Hash || other.Signature != checkpoint.Signature))
            {
                problems.Add(new AuditProblem(AuditProblemKind.Checkpoint, checkpoint.Sequence,
                    $"The checkpoint of entry {checkpoint.Sequence} in the database differs from its copy in the checkpoint file."));
            }

            all.TryAdd(checkpoint.Sequence, checkpoint);
        }

        var hashBySeq = entries.GroupBy(e => e.Sequence).ToDictionary(g => g.Key, g => g.First().Hash);
        var newestEntry = entries.Count == 0 ? newestWhenEmpty : entries.Max(e => e.Sequence);
        foreach (var checkpoint in all.Values.OrderBy(c => c.Sequence))
        {
            if (key is null || checkpoint.KeyId != key.KeyId || !key.Verify(checkpoint.SignedText, checkpoint.Signature))
            {
                problems.Add(new AuditProblem(AuditProblemKind.Checkpoint, checkpoint.Sequence, key is null
                    ? $"The checkpoint of entry {checkpoint.Sequence} cannot be verified: the server's public key is missing."
                    : $"The checkpoint of entry {checkpoint.Sequence} is not validly signed by the server key {key.KeyId}."));
                continue;
            }

            if (checkpoint.Sequence <= archivedThrough)
            {
                continue;
            }

            if (checkpoint.Sequence > newestEntry)
            {
                problems.Add(new AuditProblem(AuditProblemKind.Missing, newestEntry + 1,
                    $"Entries {newestEntry + 1}..{checkpoint.Sequence} are missing: a signed checkpoint at {checkpoint.At:u} covers entry {checkpoint.Sequence}, but the trail ends at {newestEntry}; the newest entries were deleted."));
            }
            else if (checkpoint.Sequence <= head && hashBySeq.TryGetValue(checkpoint.Sequence, out var hash) && hash != checkpoint.Hash)
            {
                problems.Add(new AuditProblem(AuditProblemKind.Changed, checkpoint.Sequence,
                    $"Entry {checkpoint.Sequence} differs from its signed checkpoint: the chain up to it was rewritten."));
            }
        }

        return all.Count;
    }
}
