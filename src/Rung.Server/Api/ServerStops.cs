using Rung.Edge.Safety;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Server.Api;

/// <summary>
/// The stop switch the agents this server runs obey: the store's stop events (thrown by a person through the API or the
/// console, or by an alarm rule in <c>stop_on</c>, on this server or another one sharing the store), read
/// incrementally, so keeping it current costs one small read of the events after the last one applied. Safe to use
/// from several threads.
/// </summary>
internal sealed class ServerStops(IEdgeStore store)
{
    private readonly Lock _applying = new();
    private long _applied;

    /// <summary>The switch, as the model guards and the action gates ask it.</summary>
    public StopSwitch Switch { get; } = new();

    /// <summary>Applies the store's stop events after the last one applied.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var events = await store.GetStopsAsync(Interlocked.Read(ref _applied), cancellationToken).ConfigureAwait(false);
        if (events.Count == 0)
        {
            return;
        }

        // Two requests may read overlapping events; the lock applies each once, in store order.
        lock (_applying)
        {
            var fresh = events.Where(e => e.Id > _applied).ToList();
            if (fresh.Count > 0)
            {
                Switch.Apply(fresh);
                Interlocked.Exchange(ref _applied, fresh[^1].Id);
            }
        }
    }

    /// <summary>The event that holds the agent stopped (its own switch, or a zone covering its scope), or null.</summary>
    public StopEvent? StoppedBy(string agentId, string scope) => Switch.StoppedBy(agentId, scope);
}
