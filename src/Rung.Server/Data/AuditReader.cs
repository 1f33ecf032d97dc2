using System.Text.Json.Nodes;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Server.Data;

/// <summary>
/// What the audit page and the export read: the verification of the chain, pages of entries and signatures by filter.
/// The page's quick check walks only the entries after a verified prefix, which this server remembers from its last
/// successful check (one per process, safe to call from several circuits at once); the full verification walks the
/// whole chain, as the export does.
/// </summary>
public sealed class AuditReader(IAuditStore audit, IIdentityStore identity, ServerKey key, ConsoleOptions options)
{
    private readonly Lock _gate = new();
    private AuditVerifiedPrefix? _verified;
    private bool _broken;

    /// <summary>The record type of an audit-trail review sign-off.</summary>
    public const string ReviewRecordType = AuditRecordTypes.Audit;

    /// <summary>
    /// Verifies the whole hash chain and its signed checkpoints (database and file); its cost grows with the trail.
    /// A valid result becomes the prefix of the next quick check; a broken one makes quick checks walk the whole chain
    /// until a full verification passes again.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var result = await AuditVerifier.VerifyAsync(audit, key, GovernancePaths.CheckpointFile(options.DataFolder), cancellationToken).ConfigureAwait(false);
        Remember(result, full: true);
        return result;
    }

    /// <summary>
    /// Verifies the entries after the prefix this server verified last, or after the newest validly signed checkpoint
    /// if that is newer (see <see cref="AuditQuickVerifier"/>): it costs what was appended since, not the trail. It does
    /// not walk the entries before the prefix again; <see cref="VerifyAsync"/> does.
    /// </summary>
    public async Task<AuditVerification> QuickVerifyAsync(CancellationToken cancellationToken = default)
    {
        AuditVerifiedPrefix? known;
        bool broken;
        lock (_gate)
        {
            (known, broken) = (_verified, _broken);
        }

        if (broken)
        {
            return await VerifyAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = await AuditQuickVerifier.VerifyAsync(audit, key, GovernancePaths.CheckpointFile(options.DataFolder), known, cancellationToken).ConfigureAwait(false);
        Remember(result, full: result.Prefix is null);
        return result;
    }

    /// <summary>The verified head entry of <paramref name="verification"/> (what a review sign-off binds to), or null when none verified.</summary>
    public async Task<AuditEntry?> VerifiedHeadAsync(AuditVerification verification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verification);
        if (!verification.IsValid || verification.HeadSequence <= 0)
        {
            return null;
        }

        var page = await audit.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(Before: verification.HeadSequence + 1, Limit: 1), cancellationToken).ConfigureAwait(false);
        return page.FirstOrDefault(e => e.Sequence == verification.HeadSequence);
    }

    /// <summary>
    /// One page of the entries matching the filter, newest first, read from the store by a keyset on the sequence,
    /// with whether older and newer entries exist, and the signatures the filter selects.
    /// </summary>
    public async Task<AuditTrailPage> PageAsync(AuditQuery query, AuditPageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();

        // One more than the page tells whether another page lies in the direction read.
        var read = await audit.GetAuditPageAsync(query, page with { Limit = page.Limit + 1 }, cancellationToken).ConfigureAwait(false);
        var more = read.Count > page.Limit;
        var newerRead = page.After is not null;
        IReadOnlyList<AuditEntry> entries = !more ? read : newerRead ? [.. read.Skip(1)] : [.. read.Take(page.Limit)];
        var signatures = await SignaturesAsync(query, cancellationToken).ConfigureAwait(false);
        return newerRead
            ? new AuditTrailPage(entries, HasOlder: true, HasNewer: more, signatures)
            : new AuditTrailPage(entries, HasOlder: more, HasNewer: page.Before is not null, signatures);
    }

    /// <summary>Entries matching the filter, and the signatures given to the records it selects by the people and in the time it names.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<SignatureRecord> Signatures)> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = await audit.GetAuditEntriesAsync(query, cancellationToken).ConfigureAwait(false);
        return (entries, await SignaturesAsync(query, cancellationToken).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<SignatureRecord>> SignaturesAsync(AuditQuery query, CancellationToken cancellationToken) =>
        (await identity.GetSignaturesAsync(query.RecordType, query.RecordId, cancellationToken).ConfigureAwait(false))
            .Where(s => (query.Actor is null || s.UserId == query.Actor) && (query.From is null || s.At >= query.From) && (query.To is null || s.At < query.To))
            .ToList();

    private void Remember(AuditVerification result, bool full)
    {
        lock (_gate)
        {
            if (!result.IsValid)
            {
                _verified = null;
                _broken = true;
            }
            else if (result.HeadHash is { } hash && result.HeadSequence > 0)
            {
                _verified = new AuditVerifiedPrefix(result.HeadSequence, hash, "verified earlier by this server");
                _broken &= !full;
            }
            else if (full)
            {
                _broken = false;
            }
        }
    }

    /// <summary>
    /// The record a review sign-off is bound to: the verified head of the chain. Signing it says "the trail up to
    /// this entry was reviewed"; any later change to that entry breaks the signature.
    /// </summary>
    public static (string RecordId, byte[] CanonicalBytes) ReviewRecord(AuditVerification verification, AuditEntry head)
    {
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(head);
        var id = $"review-through-{head.Sequence}";
        var bytes = CanonicalJson.ToBytes(new JsonObject
        {
            ["review"] = "audit trail",
            ["throughSequence"] = head.Sequence,
            ["headHash"] = head.Hash,
            ["verified"] = verification.IsValid,
            ["summary"] = verification.Summary,
        });
        return (id, bytes);
    }
}
