using Rung.Storage.Edge;

namespace Rung.Edge.Safety;

/// <summary>
/// The stop switches in force on an edge. Each scope (<c>agent:ID</c>, a line, a site) is stopped or running as its
/// newest event says; an agent is stopped when any scope that names it or covers its scope is. Reads are lock-free:
/// the model guard asks on every case. Safe to use from several threads.
/// </summary>
public sealed class StopSwitch
{
    private readonly Lock _gate = new();
    private Dictionary<string, StopEvent> _latest = new(StringComparer.Ordinal);

    /// <summary>Raised after an event changed what is in force.</summary>
    public event EventHandler<StopEvent>? Changed;

    /// <summary>The scope key of one agent.</summary>
    public static string AgentScope(string agentId) => StopEvent.AgentScope(agentId);

    /// <summary>Applies events in order (older first).</summary>
    public void Apply(IEnumerable<StopEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            lock (_gate)
            {
                var next = new Dictionary<string, StopEvent>(_latest, StringComparer.Ordinal) { [Normalize(e.Scope)] = e };
                Volatile.Write(ref _latest, next);
            }

            Changed?.Invoke(this, e);
        }
    }

    /// <summary>The event that holds the agent stopped, or null when it may write.</summary>
    public StopEvent? StoppedBy(string agentId, string scope)
    {
        foreach (var (key, e) in Volatile.Read(ref _latest))
        {
            if (e.Stopped && (key == AgentScope(agentId) || Covers(key, scope)))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>The newest event applied for exactly <paramref name="scope"/>, or null when none was.</summary>
    public StopEvent? InForce(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Volatile.Read(ref _latest).GetValueOrDefault(Normalize(scope));
    }

    /// <summary>True when any scope is stopped.</summary>
    public bool AnyStopped => Volatile.Read(ref _latest).Values.Any(e => e.Stopped);

    /// <summary>True when <paramref name="zone"/> is <paramref name="scope"/> or above it, by whole path segments; <c>*</c> covers all.</summary>
    public static bool Covers(string zone, string scope)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(scope);
        var z = Normalize(zone);
        var s = Normalize(scope);
        return z == "*" || s == z || s.StartsWith(z + "/", StringComparison.Ordinal);
    }

    private static string Normalize(string path) => path.Trim().Trim('/');
}
