using Rung.Gates.Approval;
using Rung.Governance.Signatures;

namespace Rung.Server.Api;

/// <summary>
/// The owner's signature on a promotion requested through the API: the signer named in the body signs in only once
/// the gate has passed (a failed gate never touches the account), then signs through
/// <see cref="SignedPromotionApproval"/>, which checks that the signer is the use case's owner and may promote on
/// the agent's scope. A refusal is a 403 problem.
/// </summary>
internal sealed class ApiPromotionApproval(ApiServices services, SignatureService signatures, ApiSigner signer, string owner, string scope) : IPromotionApproval
{
    /// <inheritdoc />
    public async Task<PromotionApprovalRecord> ApproveAsync(PromotionRequest request, string user, CancellationToken cancellationToken = default)
    {
        var session = await signer.SignInAsync(services, cancellationToken).ConfigureAwait(false);
        try
        {
            return await new SignedPromotionApproval(signatures, services.Identity, owner, scope, session, signer.UserId, signer.Password)
                .ApproveAsync(request, user, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw ApiSigner.Refused(ex.Message);
        }
    }
}
