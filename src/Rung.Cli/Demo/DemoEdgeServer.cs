using Rung.Core.Ladder;
using Rung.Edge.Forwarding;
using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Storage.Edge;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Demo;

/// <summary>
/// The demo's server as its edge talks to it, in process: journal batches go through the server's
/// <see cref="EdgeIngest"/> into the demo's store (each case once), heartbeats are stamped and stored as
/// <c>POST /api/v1/edge/heartbeat</c> stores them, and stop events in the edge's zone are handed out. The demo takes
/// it away for an outage (<see cref="Away"/>) and can lose one answer on the way back (<see cref="LoseNextAnswer"/>).
/// </summary>
internal sealed class DemoEdgeServer(SqliteRungStore store, string zone, TimeProvider clock) : IEdgeServer
{
    /// <summary>True while the server cannot be reached: every call fails as a dropped connection does.</summary>
    public bool Away { get; set; }

    /// <summary>When set, the next batch is applied but its answer never reaches the edge, which sends it again.</summary>
    public bool LoseNextAnswer { get; set; }

    /// <summary>Journal entries received, resent ones included.</summary>
    public long Received { get; private set; }

    /// <summary>Cases the server stored as new.</summary>
    public long Stored { get; private set; }

    public async Task<int> ForwardAsync(string edgeId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        ThrowIfAway();
        var configs = await store.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        async Task<AgentRecord?> AgentFor(string agentId, CancellationToken ct) =>
            await EdgeIngest.EnsureAgentAsync(store, configs.FirstOrDefault(c => c.AgentId == agentId && StopSwitch.Covers(zone, c.Scope)), Stage.Shadow, now, ct).ConfigureAwait(false);

        var stored = await EdgeIngest.ApplyAsync(store, store, entries, AgentFor, cancellationToken).ConfigureAwait(false);
        Received += entries.Count;
        Stored += stored;
        if (LoseNextAnswer)
        {
            LoseNextAnswer = false;
            throw new EdgeServerException("the server's answer was lost on the way back");
        }

        return stored;
    }

    public async Task<DateTimeOffset> HeartbeatAsync(EdgeHeartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        ThrowIfAway();
        var now = clock.GetUtcNow();
        await store.SaveEdgeHealthAsync(new EdgeHealth(heartbeat.EdgeId, zone, now, heartbeat.BufferDepth, heartbeat.ForwardingLag, heartbeat.ModelVersion, heartbeat.SentAt - now, heartbeat.Stopped), cancellationToken).ConfigureAwait(false);
        return now;
    }

    public async Task<IReadOnlyList<EdgeAgentConfig>> GetConfigAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfAway();
        var configs = await store.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false);
        return [.. configs.Where(c => StopSwitch.Covers(zone, c.Scope)).Select(c => new EdgeAgentConfig(c.AgentId, c.Scope, c.Version, Stage.Shadow, c.UseCaseYaml))];
    }

    public async Task<IReadOnlyList<StopEvent>> GetStopsAsync(long after, CancellationToken cancellationToken = default)
    {
        ThrowIfAway();
        var configs = await store.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false);
        var visible = new List<StopEvent>();
        foreach (var stop in await store.GetStopsAsync(after, cancellationToken).ConfigureAwait(false))
        {
            var scope = stop.Scope.StartsWith("agent:", StringComparison.Ordinal) ? configs.FirstOrDefault(c => StopSwitch.AgentScope(c.AgentId) == stop.Scope)?.Scope : stop.Scope;
            if (scope is not null && (StopSwitch.Covers(zone, scope) || StopSwitch.Covers(scope, zone)))
            {
                visible.Add(stop with { RemoteId = stop.Id });
            }
        }

        return visible;
    }

    private void ThrowIfAway()
    {
        if (Away)
        {
            throw new EdgeServerException("the server is not reachable (simulated outage)");
        }
    }
}
