using Rung.Gates.Approval;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Signatures;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Commands;

/// <summary>
/// The owner's electronic signature on a promotion, given at the terminal: the password is asked for (standard input or
/// an environment variable) only once the gate has passed, then the owner signs in and signs through the signature
/// service. A failed gate therefore never asks for a password.
/// </summary>
internal sealed class SignedPromotionAtTheTerminal(SqliteRungStore store, DirectoryInfo data, string owner, string scope, bool passwordFromStdin, string? passwordVariable) : IPromotionApproval
{
    /// <inheritdoc />
    public async Task<PromotionApprovalRecord> ApproveAsync(PromotionRequest request, string user, CancellationToken cancellationToken = default)
    {
        var password = await GovernanceCli.ReadPasswordAsync(passwordFromStdin, passwordVariable, cancellationToken).ConfigureAwait(false)
            ?? throw new UnauthorizedAccessException("A promotion is signed with the owner's password; none was given.");
        var identity = GovernanceCli.Identity(store);
        var signIn = await identity.SignInAsync(user, password, cancellationToken).ConfigureAwait(false);
        var session = signIn.Session ?? throw new UnauthorizedAccessException($"Signing in as '{user}' failed: {signIn.Message}");
        using var key = ServerKey.LoadOrCreate(GovernancePaths.Keys(data.FullName));
        var signatures = new SignatureService(identity, store, key, TimeProvider.System);
        var approval = new SignedPromotionApproval(signatures, identity, owner, scope, session, user, password);
        return await approval.ApproveAsync(request, user, cancellationToken).ConfigureAwait(false);
    }
}
