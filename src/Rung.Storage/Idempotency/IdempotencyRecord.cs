namespace Rung.Storage.Idempotency;

/// <summary>The stored answer to one retryable write, kept under the caller's idempotency key.</summary>
/// <param name="Principal">Who sent it: keys are private to a caller, so two callers never see each other's answers.</param>
/// <param name="Key">The caller's <c>Idempotency-Key</c>.</param>
/// <param name="RequestHash">SHA-256 (hex) of method, path and body: a retry must send the same request.</param>
/// <param name="Status">The HTTP status that was answered.</param>
/// <param name="ContentType">The content type of <paramref name="Body"/>.</param>
/// <param name="Body">The response body exactly as sent.</param>
/// <param name="CreatedAt">When it was stored (UTC).</param>
public sealed record IdempotencyRecord(string Principal, string Key, string RequestHash, int Status, string ContentType, ReadOnlyMemory<byte> Body, DateTimeOffset CreatedAt);
