namespace Rung.Storage.Idempotency;

/// <summary>
/// Answers to retryable writes by idempotency key. The first answer stored for a key wins; later ones for the
/// same key are not stored. Implementations are safe to call from several threads.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>The stored answer for the caller's key, or null when none.</summary>
    Task<IdempotencyRecord?> FindIdempotentAsync(string principal, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the answer unless one is already stored for the caller's key; returns the one that is stored now
    /// (the given one, or the earlier one).
    /// </summary>
    Task<IdempotencyRecord> SaveIdempotentAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);
}
