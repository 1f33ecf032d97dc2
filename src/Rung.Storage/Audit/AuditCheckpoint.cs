namespace Rung.Storage.Audit;

/// <summary>A signed head of the audit chain.</summary>
/// <param name="Sequence">The head entry's sequence.</param>
/// <param name="Hash">The head entry's hash.</param>
/// <param name="At">When the checkpoint was taken.</param>
/// <param name="KeyId">Which server key signed it (SHA-256 of its public key, hex, first 16 characters).</param>
/// <param name="Signature">ECDSA P-256 signature (base64, IEEE P1363) over <see cref="SignedText"/>.</param>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset At, string KeyId, string Signature)
{
    /// <summary>The text that is signed: sequence, hash and time, one line each.</summary>
    public string SignedText => FormattableString.Invariant($"rung.audit.checkpoint/1\n{Sequence}\n{Hash}\n{At.UtcTicks}\n");
}
