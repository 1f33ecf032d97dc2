namespace Rung.Registry;

/// <summary>
/// The electronic-signature service as the registry needs it: has someone signed, with meaning Approved, the exact
/// manifest hash of the version to be released? Implementations must check the signature cryptographically and
/// return null when there is none or it does not verify.
/// </summary>
public interface IReleaseSignature
{
    /// <summary>The Approved signature over <paramref name="manifestSha256"/>, or null.</summary>
    Task<ReleaseSignatureRecord?> FindApprovalAsync(string agentId, string version, string manifestSha256, CancellationToken cancellationToken = default);
}
