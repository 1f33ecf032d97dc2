using Rung.Storage.Identity;

namespace Rung.Governance.Signatures;

/// <summary>The result of <see cref="SignatureService.SignAsync"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Signature">The stored signature when <see cref="SignStatus.Signed"/>, otherwise null.</param>
/// <param name="Message">What to tell the person.</param>
public sealed record SignResult(SignStatus Status, SignatureRecord? Signature, string Message)
{
    /// <summary>True when signed.</summary>
    public bool Succeeded => Status == SignStatus.Signed;
}
