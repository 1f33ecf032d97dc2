using Rung.Storage.Audit;

namespace Rung.Governance.Audit;

/// <summary>
/// Signs the head of the audit chain and records it twice: in the database and in a file outside it. Deleting
/// the newest entries then leaves a signed checkpoint pointing past the end of the chain, which the verifier
/// reports. Call <see cref="CheckpointAsync"/> after a batch of writes and on a timer.
/// </summary>
/// <remarks>
/// Before signing, the entries since the newest signed checkpoint are verified (<see cref="AuditQuickVerifier"/>; the
/// whole chain when there is none yet), and what is signed is the head that verified. An entry changed or deleted
/// since the last checkpoint, or a forged checkpoint, is then refused with its first problem instead of being sealed
/// over, and the periodic job reports it at every interval until someone verifies the trail. A tail rewritten and
/// re-hashed consistently since the last checkpoint still verifies, as it would for any verifier without a secret:
/// that is why checkpoints are frequent (docs/governance.md).
/// </remarks>
public sealed class AuditCheckpointer(IAuditStore store, ServerKey key, string checkpointFilePath, TimeProvider timeProvider)
{
    /// <summary>Checkpoints the verified head; returns null when the trail is empty or the head is already checkpointed.</summary>
    /// <exception cref="InvalidOperationException">The entries since the last checkpoint do not verify; nothing is signed, and the message names the first problem.</exception>
    public async Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var verified = await AuditQuickVerifier.VerifyAsync(store, key, checkpointFilePath, known: null, cancellationToken).ConfigureAwait(false);
        if (!verified.IsValid)
        {
            throw new InvalidOperationException(
                $"The audit trail does not verify at entry {verified.Problems[0].Sequence}, so its head is not checkpointed: {verified.Problems[0].Message} ({verified.Problems.Count} problem(s); run 'rung audit verify').");
        }

        if (verified.HeadSequence == 0 || verified.HeadHash is not { } headHash || verified.HeadSequence < verified.FirstSequence)
        {
            return null;
        }

        var existing = await store.GetAuditCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0 && existing[^1].Sequence >= verified.HeadSequence)
        {
            return null;
        }

        var unsigned = new AuditCheckpoint(verified.HeadSequence, headHash, timeProvider.GetUtcNow(), key.KeyId, string.Empty);
        var checkpoint = unsigned with { Signature = key.Sign(unsigned.SignedText) };

        // The file first: if the database write then fails, the file still bounds what may be deleted.
        await CheckpointFile.AppendAsync(checkpointFilePath, checkpoint, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }
}
