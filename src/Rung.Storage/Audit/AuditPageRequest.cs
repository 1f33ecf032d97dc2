namespace Rung.Storage.Audit;

/// <summary>
/// Which page of the audit trail to read, by a keyset on the sequence: the newest entries, the entries just older
/// than <see cref="Before"/>, or the entries just newer than <see cref="After"/>. Pages are returned newest first; the
/// cursor of the next older page is the smallest sequence shown, of the next newer page the largest. Entries
/// appended between pages neither repeat nor go missing.
/// </summary>
/// <param name="Before">Only entries with a smaller sequence (the older page); null for none.</param>
/// <param name="After">Only entries with a larger sequence (the newer page); null for none.</param>
/// <param name="Limit">At most this many entries, 1 to <see cref="MaxLimit"/>.</param>
public sealed record AuditPageRequest(long? Before = null, long? After = null, int Limit = AuditPageRequest.DefaultLimit)
{
    /// <summary>The page size the console shows.</summary>
    public const int DefaultLimit = 150;

    /// <summary>The largest page a store reads.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The newest page.</summary>
    public static AuditPageRequest Newest { get; } = new();

    /// <summary>Throws when the request names both cursors or a limit out of range.</summary>
    /// <exception cref="ArgumentException">Both <see cref="Before"/> and <see cref="After"/> are set, or <see cref="Limit"/> is outside 1..<see cref="MaxLimit"/>.</exception>
    public void Validate()
    {
        if (Before is not null && After is not null)
        {
            throw new ArgumentException($"An audit page reads older entries (before {Before}) or newer ones (after {After}), not both.", nameof(After));
        }

        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"An audit page holds 1 to {MaxLimit} entries; the limit was {Limit}.", nameof(Limit));
        }
    }
}
