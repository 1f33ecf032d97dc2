using Rung.Storage.Audit;

namespace Rung.Governance.Audit;

/// <summary>
/// Signs the head of the audit chain and records it twice: in the database and in a file outside it. Deleting
/// the newest entries then leaves a signed checkpoint pointing past the end of the chain, which the verifier
/// reports. Call <see cref="CheckpointAsync"/> after a batch of writes and on a timer.
/// </summary>
public sealed class AuditCheckpointer(IAuditStore store, ServerKey key, string checkpointFilePath, TimeProvider timeProvider)
{
    /// <summary>Checkpoints the current head; returns null when the trail is empty or the head is already checkpointed.</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var head = await store.GetAuditHeadAsync(cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var existing = await store.GetAuditCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0 && existing[^1].Sequence >= head.Sequence)
        {
            return null;
        }

        var unsigned = new AuditCheckpoint(head.Sequence, head.Hash, timeProvider.GetUtcNow(), key.KeyId, string.Empty);
        var checkpoint = unsigned with { Signature = key.Sign(unsigned.SignedText) };

        // The file first: if the database write then fails, the file still bounds what may be deleted.
        await CheckpointFile.AppendAsync(checkpointFilePath, checkpoint, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }
}
