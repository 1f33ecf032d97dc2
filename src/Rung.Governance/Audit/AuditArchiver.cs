using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rung.Storage.Audit;

namespace Rung.Governance.Audit;

/// <summary>
/// Moves audit entries older than the retention period to an archive file and leaves an anchor so the remaining
/// chain still verifies. Nothing inside the retention period is ever removed (the store refuses it as well).
/// </summary>
public sealed class AuditArchiver(IAuditStore store, TimeSpan retention, string archiveFolder, TimeProvider timeProvider)
{
    /// <summary>The shortest retention accepted: six months (EU AI Act Art. 19, 26(6)); GxP periods are longer.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromDays(183);

    /// <summary>
    /// Archives every entry older than the retention period. Returns the anchor, or null when nothing is old enough.
    /// </summary>
    /// <exception cref="InvalidOperationException">The retention period is shorter than <see cref="MinimumRetention"/>.</exception>
    public async Task<AuditAnchor?> ArchiveAsync(string actor, CancellationToken cancellationToken = default)
    {
        if (retention < MinimumRetention)
        {
            throw new InvalidOperationException($"The audit retention period is {retention.TotalDays} days; it must be at least {MinimumRetention.TotalDays} days.");
        }

        var retainedFrom = timeProvider.GetUtcNow() - retention;
        // Only a prefix of the chain can go: an old entry after a young one (a clock step back) stays.
        var all = await store.GetAuditEntriesAsync(AuditQuery.All, cancellationToken).ConfigureAwait(false);
        var prefix = all.TakeWhile(e => e.At < retainedFrom).ToList();
        if (prefix.Count == 0)
        {
            return null;
        }

        Directory.CreateDirectory(archiveFolder);
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-{prefix[0].Sequence:D10}-{prefix[^1].Sequence:D10}.jsonl");
        var path = Path.Combine(archiveFolder, name);
        var text = new StringBuilder();
        foreach (var e in prefix)
        {
            text.Append(Encoding.UTF8.GetString(AuditHash.CanonicalBytes(e)).TrimEnd('}')).Append(",\"hash\":\"").Append(e.Hash).Append("\"}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return await store.ArchiveAuditAsync(prefix[^1].Sequence, retainedFrom, sha, name, actor, cancellationToken).ConfigureAwait(false);
    }
}
