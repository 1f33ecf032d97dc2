using Rung.Governance.Identity;

namespace Rung.Server.Security;

/// <summary>
/// The server-side check before every console action: the session is still open (the action counts as activity),
/// and <see cref="IdentityService.AuthorizeAsync"/> allows the operation on the scope (role and zone; denials are
/// audited). A hidden button is a courtesy; this is the control.
/// </summary>
public sealed class ConsoleGate(ConsoleSessions sessions, IdentityService identity)
{
    /// <summary>The session allowed to perform <paramref name="operation"/> on <paramref name="scope"/>.</summary>
    /// <exception cref="ConsoleDeniedException">The session is over, or the role or zone does not allow it.</exception>
    public async Task<Session> AuthorizeAsync(string? sessionId, Operation operation, string scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var session = sessions.Use(sessionId)
            ?? throw new ConsoleDeniedException("Your session has ended; sign in again. Nothing was changed.") { SessionEnded = true };
        var result = await identity.AuthorizeAsync(session.Principal, operation, scope, cancellationToken).ConfigureAwait(false);
        return result.Allowed ? session : throw new ConsoleDeniedException($"Refused: {result.Reason} Nothing was changed.");
    }
}
