namespace Rung.Governance.Identity;

/// <summary>The result of <see cref="IdentityService.SignInAsync"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Session">The new session when <see cref="SignInStatus.Success"/>, otherwise null.</param>
/// <param name="Message">What to tell the person.</param>
public sealed record SignInResult(SignInStatus Status, Session? Session, string Message)
{
    /// <summary>True when signed in.</summary>
    public bool Succeeded => Status == SignInStatus.Success;
}
