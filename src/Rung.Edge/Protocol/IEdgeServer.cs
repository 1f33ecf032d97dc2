using Rung.Storage.Edge;

namespace Rung.Edge.Protocol;

/// <summary>The server as an edge talks to it. Every call throws <see cref="EdgeServerException"/> when the server refused or could not be reached.</summary>
public interface IEdgeServer
{
    /// <summary>Forwards journal entries; the server applies each case once however often it is sent. Returns how many were new there.</summary>
    Task<int> ForwardAsync(string edgeId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Reports health; returns the server's clock.</summary>
    Task<DateTimeOffset> HeartbeatAsync(EdgeHeartbeat heartbeat, CancellationToken cancellationToken = default);

    /// <summary>The configuration of every agent in the token's zone.</summary>
    Task<IReadOnlyList<EdgeAgentConfig>> GetConfigAsync(CancellationToken cancellationToken = default);

    /// <summary>Stop switch events in the token's zone after the server id <paramref name="after"/>.</summary>
    Task<IReadOnlyList<StopEvent>> GetStopsAsync(long after, CancellationToken cancellationToken = default);
}
