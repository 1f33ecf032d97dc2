using System.Security.Cryptography;
using Rung.Governance.Identity;

namespace Rung.Cli.Demo;

/// <summary>
/// A simulated person who signs: a stored account on the demo's line with a password only this run knows, signing in
/// the way the signature service asks (and choosing a new password when the old one has aged out during a long run).
/// </summary>
internal sealed class DemoSigner
{
    private const string Administrator = "demo.admin";
    private readonly IdentityService _identity;

    private DemoSigner(IdentityService identity, string userId, string password)
    {
        _identity = identity;
        UserId = userId;
        Password = password;
    }

    public string UserId { get; }

    /// <summary>The current password: every signature needs it.</summary>
    public string Password { get; private set; }

    /// <summary>Creates the account with <paramref name="role"/> on the line the agent's scope belongs to.</summary>
    public static async Task<DemoSigner> AddAsync(IdentityService identity, string userId, string printedName, Role role, string agentScope, CancellationToken cancellationToken)
    {
        var password = NewPassword();
        var line = string.Join('/', agentScope.Split('/').Take(5));
        await identity.AddUserAsync(userId, printedName, [role], [line], password, Administrator, cancellationToken).ConfigureAwait(false);
        return new DemoSigner(identity, userId, password);
    }

    /// <summary>Signs in for one signing ceremony.</summary>
    public async Task<Session> SignInAsync(CancellationToken cancellationToken)
    {
        var signIn = await _identity.SignInAsync(UserId, Password, cancellationToken).ConfigureAwait(false);
        if (signIn.Status == SignInStatus.PasswordChangeRequired)
        {
            var next = NewPassword();
            await _identity.ChangePasswordAsync(UserId, Password, next, cancellationToken).ConfigureAwait(false);
            Password = next;
            signIn = await _identity.SignInAsync(UserId, Password, cancellationToken).ConfigureAwait(false);
        }

        return signIn.Session ?? throw new InvalidOperationException($"The demo's {UserId} could not sign in: {signIn.Message}");
    }

    private static string NewPassword() => "demo-" + RandomNumberGenerator.GetHexString(24, lowercase: true);
}
