using Rung.Edge;
using Rung.Edge.Safety;
using Rung.Governance.Identity;
using Rung.Server.Security;
using Rung.Storage;
using Rung.Storage.Edge;

namespace Rung.Server.Data;

/// <summary>
/// The Edges page over the server's edge tables: every edge's last heartbeat (read against the plant's clock, stale
/// past <see cref="StaleAfter"/>), its buffer against the disk budget, the model version per agent and the stops in
/// force; and the stop switch, thrown through the same store call as <c>POST /api/v1/edge/stops</c> (origin
/// <c>server</c>, audited in the same transaction as the event). Only edges whose zone the viewer's zones cover are
/// listed. Thread-safe.
/// </summary>
public sealed class EdgeConsole(IRungStore store, ConsoleGate gate, TimeProvider plantTime, TimeProvider time)
{
    /// <summary>How old a heartbeat may be before its edge is marked stale: fifteen of the edge's default heartbeats.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    /// <summary>The disk budget a buffer is measured against: the edge's default, <see cref="EdgeOptions.BufferBudget"/> (heartbeats do not carry it).</summary>
    public static long BufferBudget { get; } = new EdgeOptions().BufferBudget;

    private IEdgeStore? Edges => store as IEdgeStore;

    /// <summary>True when the store keeps edges at all.</summary>
    public bool Supported => Edges is not null;

    /// <summary>Every edge the viewer's zones cover, by edge id; empty without a viewer or for a store that keeps no edges.</summary>
    public async Task<IReadOnlyList<EdgeRow>> GetEdgesAsync(Principal? viewer, CancellationToken cancellationToken = default)
    {
        if (viewer is null || Edges is not { } edges)
        {
            return [];
        }

        var now = plantTime.GetUtcNow();
        var configs = await edges.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false);
        var inForce = InForce(await edges.GetStopsAsync(0, cancellationToken).ConfigureAwait(false));
        var rows = new List<EdgeRow>();
        foreach (var health in await edges.GetEdgeHealthAsync(cancellationToken).ConfigureAwait(false))
        {
            var zones = health.Zone.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!zones.Any(z => Zones.AnyCovers(viewer.Zones, z)))
            {
                continue;
            }

            var agents = AgentsOf(health, zones, configs);
            var stops = inForce.Where(s => Applies(s.Scope, zones, agents)).OrderByDescending(s => s.Id).ToList();
            // A heartbeat stamped after the plant clock's now (a plant clock coarser than the server's, as in a
            // simulation that moves it once a simulated day) reads as just now rather than from the future.
            var age = now > health.LastHeartbeat ? now - health.LastHeartbeat : TimeSpan.Zero;
            rows.Add(new EdgeRow(health, age, age > StaleAfter, (double)health.BufferDepth / BufferBudget, agents, stops, ScopesFor(viewer, zones, agents, inForce)));
        }

        return rows;
    }

    /// <summary>
    /// Stops (or, with <paramref name="stopped"/> false, restarts) every AI write in <paramref name="scope"/>: an agent
    /// as <c>agent:ID</c>, or a zone path (a line, a site). The session must be allowed <see cref="Operation.StopAgent"/>
    /// on the scope; the event names the session's person and is audited with it. Edges pick it up at their next stop poll.
    /// </summary>
    /// <exception cref="ArgumentException">The reason is missing, or the scope is not a zone path.</exception>
    /// <exception cref="KeyNotFoundException">The scope names an unknown agent.</exception>
    /// <exception cref="ConsoleDeniedException">The session is over, or the role or zone does not allow it.</exception>
    /// <exception cref="InvalidOperationException">The store keeps no edges.</exception>
    public async Task<StopEvent> ThrowAsync(string? sessionId, string scope, bool stopped, string? reason, CancellationToken cancellationToken = default)
    {
        var edges = Edges ?? throw new InvalidOperationException("This store does not keep edges; nothing was changed.");
        if (string.IsNullOrWhiteSpace(scope))
        {
            throw new ArgumentException("Choose what to stop: an agent, a line or a site.", nameof(scope));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"Write a reason before {(stopped ? "stopping" : "restarting")} AI writes on {scope}; nothing was changed.", nameof(reason));
        }

        scope = scope.StartsWith(AgentPrefix, StringComparison.Ordinal) ? scope.Trim() : Zones.Validate(scope);
        var zone = scope.StartsWith(AgentPrefix, StringComparison.Ordinal)
            ? await AgentScopeAsync(edges, scope[AgentPrefix.Length..], cancellationToken).ConfigureAwait(false)
            : scope;
        var session = await gate.AuthorizeAsync(sessionId, Operation.StopAgent, zone, cancellationToken).ConfigureAwait(false);
        // The stop's stamp is the server's, as on the API route: edges order and obey it on real time, not the plant's.
        return await edges.AppendStopAsync(new StopEvent(0, scope, stopped, time.GetUtcNow(), session.UserId, reason.Trim(), "server"), cancellationToken).ConfigureAwait(false);
    }

    private const string AgentPrefix = "agent:";

    private async Task<string> AgentScopeAsync(IEdgeStore edges, string agentId, CancellationToken cancellationToken) =>
        (await edges.GetEdgeConfigsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.AgentId == agentId)?.Scope
        ?? (await store.GetAgentAsync(agentId, cancellationToken).ConfigureAwait(false))?.Scope
        ?? throw new KeyNotFoundException($"No agent '{agentId}'; nothing was changed.");

    // The edge runs the configurations its zone covers, in the server's order (by agent id), and reports their model
    // versions in that order; when the counts differ the report cannot be matched and is shown as it came.
    private static List<EdgeAgentRow> AgentsOf(EdgeHealth health, string[] zones, IReadOnlyList<EdgeConfigRecord> configs)
    {
        var mine = configs.Where(c => Zones.AnyCovers(zones, c.Scope)).ToList();
        var versions = health.ModelVersion.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. mine.Select((c, i) => new EdgeAgentRow(c.AgentId, c.Scope, versions.Length == mine.Count ? versions[i] : null))];
    }

    private static List<StopEvent> InForce(IReadOnlyList<StopEvent> events)
    {
        var latest = new Dictionary<string, StopEvent>(StringComparer.Ordinal);
        foreach (var e in events.OrderBy(e => e.Id))
        {
            latest[Normalize(e.Scope)] = e;
        }

        return [.. latest.Values.Where(e => e.Stopped)];
    }

    private static bool Applies(string scope, string[] zones, List<EdgeAgentRow> agents) =>
        scope.StartsWith(AgentPrefix, StringComparison.Ordinal)
            ? agents.Any(a => AgentPrefix + a.AgentId == scope)
            : zones.Any(z => StopSwitch.Covers(scope, z) || StopSwitch.Covers(z, scope));

    private static List<EdgeStopScope> ScopesFor(Principal viewer, string[] zones, List<EdgeAgentRow> agents, List<StopEvent> inForce)
    {
        var candidates = new List<(string Scope, string Kind, string Zone)>();
        candidates.AddRange(agents.Select(a => (AgentPrefix + a.AgentId, "agent", a.Scope)));
        foreach (var zone in zones.Select(Normalize))
        {
            var segments = zone.Split('/');
            candidates.Add((zone, "zone", zone));
            if (segments.Length > 4)
            {
                var line = string.Join('/', segments[..4]);
                candidates.Add((line, "line", line));
            }

            if (segments.Length > 2)
            {
                var site = string.Join('/', segments[..2]);
                candidates.Add((site, "site", site));
            }
        }

        // A stop in force inside the edge's zone (a cell, say) must be restartable from here too.
        candidates.AddRange(inForce.Where(s => !s.Scope.StartsWith(AgentPrefix, StringComparison.Ordinal) && Applies(s.Scope, zones, agents))
            .Select(s => (Normalize(s.Scope), "zone", Normalize(s.Scope))));
        var stopped = inForce.Select(s => Normalize(s.Scope)).ToHashSet(StringComparer.Ordinal);
        return [.. candidates
            .Where(c => c.Zone != Zones.Everywhere && ConsolePolicies.Can(viewer, Operation.StopAgent, c.Zone))
            .DistinctBy(c => c.Scope, StringComparer.Ordinal)
            .Select(c => new EdgeStopScope(c.Scope, c.Kind, stopped.Contains(c.Scope)))];
    }

    private static string Normalize(string path) => path.Trim().Trim('/');
}
