using System.Collections.Concurrent;
using Rung.Governance.Identity;

namespace Rung.Server.Security;

/// <summary>
/// The sessions the console opened, by id. The cookie carries only the id, so a session ends on the server
/// (sign-out, idle timeout, restart) whatever the browser keeps. Thread-safe.
/// </summary>
public sealed class ConsoleSessions(IdentityService identity, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Keeps a new session and forgets the ones that have ended.</summary>
    public void Add(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        foreach (var (id, old) in _sessions)
        {
            if (old.IsExpired(now, identity.Options.IdleTimeout))
            {
                _sessions.TryRemove(id, out _);
            }
        }

        _sessions[session.SessionId] = session;
    }

    /// <summary>The session with this id, ended or not; null when unknown.</summary>
    public Session? Find(string? sessionId) =>
        sessionId is not null && _sessions.TryGetValue(sessionId, out var session) ? session : null;

    /// <summary>
    /// The session when it is still usable, recording the activity (the idle timeout starts again); null when it is
    /// unknown, signed out or idle too long.
    /// </summary>
    public Session? Use(string? sessionId)
    {
        var session = Find(sessionId);
        if (session is null || !identity.TryUse(session))
        {
            Remove(sessionId);
            return null;
        }

        return session;
    }

    /// <summary>True when the session is unknown or over, without counting as activity (a page refreshing itself is not a person).</summary>
    public bool HasEnded(string? sessionId) =>
        Find(sessionId) is not { } session || session.IsExpired(time.GetUtcNow(), identity.Options.IdleTimeout);

    /// <summary>Ends and forgets a session.</summary>
    public void SignOut(string? sessionId)
    {
        if (sessionId is not null && _sessions.TryRemove(sessionId, out var session))
        {
            IdentityService.SignOut(session);
        }
    }

    private void Remove(string? sessionId)
    {
        if (sessionId is not null)
        {
            _sessions.TryRemove(sessionId, out _);
        }
    }
}
