namespace Rung.Governance.Identity;

/// <summary>
/// A person's signed-in session: one continuous period of controlled access in the sense of 21 CFR 11.200(a)(1).
/// It ends after <see cref="IdentityOptions.IdleTimeout"/> without activity or when signed out. Safe to share
/// between threads.
/// </summary>
public sealed class Session
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastActivity;
    private bool _hasSigned;
    private bool _ended;

    internal Session(string sessionId, Principal principal, DateTimeOffset startedAt)
    {
        SessionId = sessionId;
        Principal = principal;
        StartedAt = startedAt;
        _lastActivity = startedAt;
    }

    /// <summary>Random id of the session.</summary>
    public string SessionId { get; }

    /// <summary>The signed-in person.</summary>
    public Principal Principal { get; }

    /// <summary>The person's user id.</summary>
    public string UserId => Principal.Id;

    /// <summary>When it started (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The last time the person did something in it.</summary>
    public DateTimeOffset LastActivityAt
    {
        get
        {
            lock (_gate)
            {
                return _lastActivity;
            }
        }
    }

    /// <summary>True once the person has signed something in this session (later signings need the password only).</summary>
    public bool HasSigned
    {
        get
        {
            lock (_gate)
            {
                return _hasSigned;
            }
        }
    }

    /// <summary>True when the session was ended or has been idle longer than <paramref name="idleTimeout"/> at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan idleTimeout)
    {
        lock (_gate)
        {
            return _ended || now - _lastActivity > idleTimeout;
        }
    }

    internal void Touch(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now > _lastActivity)
            {
                _lastActivity = now;
            }
        }
    }

    internal void MarkSigned(DateTimeOffset now)
    {
        lock (_gate)
        {
            _hasSigned = true;
            if (now > _lastActivity)
            {
                _lastActivity = now;
            }
        }
    }

    internal void End()
    {
        lock (_gate)
        {
            _ended = true;
        }
    }
}
