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

    private readonly SignatureService _signatures;
    private readonly ServerKey _key;
    private readonly DemoSigner _approver;

    private DemoReleaseApprover(SignatureService signatures, ServerKey key, DemoSigner approver)
    {
        _signatures = signatures;
        _key = key;
        _approver = approver;
    }

    /// <summary>The registry's view of the signatures this approver gives.</summary>
    public IReleaseSignature Approvals => new SignedReleaseApprovals(_signatures);

    public static async Task<DemoReleaseApprover> StartAsync(SqliteRungStore store, UseCaseDefinition useCase, string data, TimeProvider clock, CancellationToken cancellationToken)
    {
        var options = new IdentityOptions();
        var identity = new IdentityService(store, store, new StoreSecurityAlarms(store, options.SecurityOwner), options, clock);
        var approver = await DemoSigner.AddAsync(identity, UserId, "Q. A. Approver (simulated)", Role.Quality, useCase.Agent.Scope, cancellationToken).ConfigureAwait(false);
        var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(data));
        return new DemoReleaseApprover(new SignatureService(identity, store, key, clock), key, approver);
    }

    /// <summary>Signs the release of <paramref name="version"/> with meaning Approved over its manifest hash.</summary>
    public async Task SignAsync(string agentId, string version, string manifestSha256, CancellationToken cancellationToken)
    {
        var session = await _approver.SignInAsync(cancellationToken).ConfigureAwait(false);
        var signed = await _signatures.SignAsync(
            session, UserId, _approver.Password, SignedReleaseApprovals.RecordType, SignedReleaseApprovals.RecordId(agentId, version),
            SignedReleaseApprovals.SignedBytes(manifestSha256), SignatureMeaning.Approved, cancellationToken).ConfigureAwait(false);
        if (!signed.Succeeded)
        {
            throw new InvalidOperationException($"The demo approver could not sign {agentId}/{version}: {signed.Message}");
        }
    }

    public void Dispose() => _key.Dispose();
}
