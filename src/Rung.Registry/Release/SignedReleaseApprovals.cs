using System.Text;
using Rung.Governance.Signatures;

namespace Rung.Registry;

/// <summary>
/// Release approvals as the electronic-signature service stores them: a signature with meaning Approved on the record
/// <c>model_release</c> / <c>AGENT/VERSION</c>, made over the version's manifest hash. The service's seal and the record
/// hash are both checked, so a signature for another version, or for a manifest changed after signing, never counts.
/// </summary>
/// <param name="signatures">The signature service of the data folder.</param>
public sealed class SignedReleaseApprovals(SignatureService signatures) : IReleaseSignature
{
    /// <summary>The record type release signatures are given to.</summary>
    public const string RecordType = "model_release";

    /// <summary>The record id of one version's release.</summary>
    public static string RecordId(string agentId, string version) => $"{agentId}/{version}";

    /// <summary>The bytes a release signature is bound to: the manifest hash, so any change to any artefact breaks it.</summary>
    public static byte[] SignedBytes(string manifestSha256) => Encoding.UTF8.GetBytes(manifestSha256);

    /// <inheritdoc />
    public async Task<ReleaseSignatureRecord?> FindApprovalAsync(string agentId, string version, string manifestSha256, CancellationToken cancellationToken = default)
    {
        var checks = await signatures.VerifyAsync(RecordType, RecordId(agentId, version), SignedBytes(manifestSha256), cancellationToken).ConfigureAwait(false);
        var approval = checks
            .Where(c => c.Valid && c.Signature.Meaning == nameof(SignatureMeaning.Approved))
            .OrderByDescending(c => c.Signature.At)
            .FirstOrDefault();
        return approval is null
            ? null
            : new ReleaseSignatureRecord(approval.Signature.UserId, approval.Signature.PrintedName, approval.Signature.Meaning, approval.Signature.At, manifestSha256);
    }
}
