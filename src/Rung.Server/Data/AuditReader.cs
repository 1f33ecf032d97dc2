using System.Text.Json.Nodes;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Storage.Audit;
using Rung.Storage.Identity;

namespace Rung.Server.Data;

/// <summary>What the audit page and the export read: the verification of the whole chain, entries and signatures by filter.</summary>
public sealed class AuditReader(IAuditStore audit, IIdentityStore identity, ServerKey key, ConsoleOptions options)
{
    /// <summary>The record type of an audit-trail review sign-off.</summary>
    public const string ReviewRecordType = AuditRecordTypes.Audit;

    /// <summary>Verifies the hash chain and its signed checkpoints (database and file).</summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        AuditVerifier.VerifyAsync(audit, key, GovernancePaths.CheckpointFile(options.DataFolder), cancellationToken);

    /// <summary>Entries matching the filter, and the signatures given to the records it selects by the people and in the time it names.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<SignatureRecord> Signatures)> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = await audit.GetAuditEntriesAsync(query, cancellationToken).ConfigureAwait(false);
        var signatures = (await identity.GetSignaturesAsync(query.RecordType, query.RecordId, cancellationToken).ConfigureAwait(false))
            .Where(s => (query.Actor is null || s.UserId == query.Actor) && (query.From is null || s.At >= query.From) && (query.To is null || s.At < query.To))
            .ToList();
        return (entries, signatures);
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
