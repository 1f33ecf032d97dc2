using System.Security.Cryptography;
using Rung.Core.UseCases;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Registry;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Demo;

/// <summary>
/// The demo's quality approver: a stored user (role Quality on the line) who signs each model release through the
/// signature service, with user id and password, exactly as <c>rung model approve</c> does. The registry then accepts
/// only that verified signature.
/// </summary>
internal sealed class DemoReleaseApprover : IDisposable
{
    public const string UserId = "qa.approver";

    private readonly IdentityService _identity;
    private readonly SignatureService _signatures;
    private readonly ServerKey _key;
    private string _password;

    private DemoReleaseApprover(IdentityService identity, SignatureService signatures, ServerKey key, string password)
    {
        _identity = identity;
        _signatures = signatures;
        _key = key;
        _password = password;
    }

    /// <summary>The registry's view of the signatures this approver gives.</summary>
    public IReleaseSignature Approvals => new SignedReleaseApprovals(_signatures);

    public static async Task<DemoReleaseApprover> StartAsync(SqliteRungStore store, UseCaseDefinition useCase, string data, TimeProvider clock, CancellationToken cancellationToken)
    {
        var options = new IdentityOptions();
        var identity = new IdentityService(store, store, new StoreSecurityAlarms(store, options.SecurityOwner), options, clock);
        var password = NewPassword();
        var line = string.Join('/', useCase.Agent.Scope.Split('/').Take(5));
        await identity.AddUserAsync(UserId, "Q. A. Approver (simulated)", [Role.Quality], [line], password, "demo.admin", cancellationToken).ConfigureAwait(false);
        var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(data));
        return new DemoReleaseApprover(identity, new SignatureService(identity, store, key, clock), key, password);
    }

    /// <summary>Signs the release of <paramref name="version"/> with meaning Approved over its manifest hash.</summary>
    public async Task SignAsync(string agentId, string version, string manifestSha256, CancellationToken cancellationToken)
    {
        var signIn = await _identity.SignInAsync(UserId, _password, cancellationToken).ConfigureAwait(false);
        if (signIn.Status == SignInStatus.PasswordChangeRequired)
        {
            // Passwords age out during a long run; the approver picks a new one, as the sign-in asks.
            var next = NewPassword();
            await _identity.ChangePasswordAsync(UserId, _password, next, cancellationToken).ConfigureAwait(false);
            _password = next;
            signIn = await _identity.SignInAsync(UserId, _password, cancellationToken).ConfigureAwait(false);
        }

        var session = signIn.Session ?? throw new InvalidOperationException($"The demo approver could not sign in: {signIn.Message}");
        var signed = await _signatures.SignAsync(
            session, UserId, _password, SignedReleaseApprovals.RecordType, SignedReleaseApprovals.RecordId(agentId, version),
            SignedReleaseApprovals.SignedBytes(manifestSha256), SignatureMeaning.Approved, cancellationToken).ConfigureAwait(false);
        if (!signed.Succeeded)
        {
            throw new InvalidOperationException($"The demo approver could not sign {agentId}/{version}: {signed.Message}");
        }
    }

    public void Dispose() => _key.Dispose();

    private static string NewPassword() => "demo-" + RandomNumberGenerator.GetHexString(24, lowercase: true);
}
