using System.Text.Json.Nodes;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Storage.Audit;

namespace Rung.Gates.Approval;

/// <summary>
/// A promotion approved by the owner's electronic signature (meaning Approved) through the
/// <see cref="SignatureService"/>. The signed record is the promotion request itself, so the signature is bound to
/// the agent, both stages and the SHA-256 of the gate's evidence snapshot: it fails verification for any other
/// snapshot. One instance is one signing ceremony: the session and the password typed for it.
/// </summary>
/// <param name="signatures">The signature service.</param>
/// <param name="identity">Decides whether the signer may promote on the agent's scope.</param>
/// <param name="approver">The one user allowed to approve (the use case's owner).</param>
/// <param name="scope">The agent's ISA-95 scope, which the signer's zones must cover.</param>
/// <param name="session">The signer's session.</param>
/// <param name="userId">The signer's user id, required at a session's first signature and after the idle timeout.</param>
/// <param name="password">The signer's password, required for every signature.</param>
public sealed class SignedPromotionApproval(
    SignatureService signatures, IdentityService identity, string approver, string scope, Session session, string? userId, string password) : IPromotionApproval
{
    /// <summary>The method name stored with the approval.</summary>
    public const string Method = "e-signature";

    /// <summary>The record type the signature is stored under; the record id is the agent's id.</summary>
    public const string RecordType = "stage_promotion";

    /// <inheritdoc />
    public async Task<PromotionApprovalRecord> ApproveAsync(PromotionRequest request, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (!string.Equals(user, approver, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException($"Only the owner {approver} may approve the promotion of {request.AgentId} from {request.From} to {request.To}; '{user}' asked.");
        }

        if (!string.Equals(session.UserId, user, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException($"The signing session belongs to '{session.UserId}', not to '{user}'; nobody signs a promotion for another person.");
        }

        var allowed = await identity.AuthorizeAsync(session.Principal, Operation.PromoteStage, scope, cancellationToken).ConfigureAwait(false);
        if (!allowed.Allowed)
        {
            throw new UnauthorizedAccessException($"{user} may not promote {request.AgentId}: {allowed.Reason}");
        }

        var signed = await signatures.SignAsync(session, userId, password, RecordType, request.AgentId, CanonicalBytes(request), SignatureMeaning.Approved, cancellationToken).ConfigureAwait(false);
        if (!signed.Succeeded || signed.Signature is not { } signature)
        {
            throw new UnauthorizedAccessException($"The promotion of {request.AgentId} from {request.From} to {request.To} was not signed ({signed.Status}): {signed.Message}");
        }

        return new PromotionApprovalRecord(signature.UserId, signature.At, Method, signature.SignatureId, request.EvidenceSha256);
    }

    /// <summary>
    /// The canonical bytes a promotion signature is bound to: agent, stages, evidence hash and meaning. Verify a
    /// stored signature with <c>SignatureService.VerifyAsync(RecordType, agentId, CanonicalBytes(request))</c>.
    /// </summary>
    public static byte[] CanonicalBytes(PromotionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CanonicalJson.ToBytes(new JsonObject
        {
            ["agent_id"] = request.AgentId,
            ["from"] = request.From.ToString(),
            ["to"] = request.To.ToString(),
            ["evidence_sha256"] = request.EvidenceSha256,
            ["meaning"] = request.Meaning,
        });
    }
}
