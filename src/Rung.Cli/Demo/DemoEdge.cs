using System.Globalization;
using Rung.Core.UseCases;
using Rung.Edge;
using Rung.Edge.Forwarding;
using Rung.Edge.Hosting;
using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Models;
using Rung.Simulation.Parts;
using Rung.Storage.Sqlite;
using Rung.UseCases;

namespace Rung.Cli.Demo;

/// <summary>
/// An edge next to the line for the demo's second week: a second agent (<see cref="AgentId"/>, the line's use case
/// published to edges) decides a copy of every part in process through <see cref="EdgeAgent"/>, over its own SQLite
/// journal in <c>DATA/edge</c>, and forwards it to the demo's store through the server's ingest
/// (<see cref="DemoEdgeServer"/>). For most of a day the server is away: the buffer grows, then forwarding catches up,
/// one answer is lost on the way back and its batch is sent again, and every case arrives once. The line's own agent
/// and its figures are untouched. After the stretch the edge stays connected and reports once a simulated day, so the
/// console's Edges page shows it current.
/// </summary>
internal sealed class DemoEdge(string data, UseCaseDefinition line, SqliteRungStore store, TimeProvider clock, DateTimeOffset start, DateTimeOffset end) : IAsyncDisposable
{
    /// <summary>The edge's name on the server.</summary>
    public const string EdgeId = "line3-edge";

    /// <summary>The edge's agent: the line's use case under its own id, so the line's agent and its evidence stay as they are.</summary>
    public const string AgentId = "line3-quality-edge";

    private static readonly TimeSpan From = TimeSpan.FromDays(7);
    private static readonly TimeSpan To = TimeSpan.FromDays(14);
    private static readonly TimeSpan OutageFrom = TimeSpan.FromDays(8);
    private static readonly TimeSpan OutageTo = TimeSpan.FromDays(8) + TimeSpan.FromHours(20);

    private readonly List<string> _pending = [];
    private Running? _edge;
    private bool _done;
    private long _peak;

    /// <summary>
    /// Runs the edge for the slot that ended at <paramref name="slotEnd"/>: decides the copies of its parts, forwards
    /// (or buffers while the server is away), follows the stop switch and reports. What a person would notice goes to
    /// <paramref name="events"/> at the end of the simulated day (the day's other events decide whether a stage change
    /// needs its own line); the summary line when the stretch (or the run) ends.
    /// </summary>
    public async Task AfterSlotAsync(DateTimeOffset slotEnd, IReadOnlyList<SimulatedPart> parts, List<string> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await RunSlotAsync(slotEnd, parts, cancellationToken).ConfigureAwait(false);
        if ((slotEnd - start).Ticks % TimeSpan.TicksPerDay == 0)
        {
            events.AddRange(_pending);
            _pending.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunSlotAsync(DateTimeOffset slotEnd, IReadOnlyList<SimulatedPart> parts, CancellationToken cancellationToken)
    {
        if (slotEnd <= start + From)
        {
            return;
        }

        if (_done)
        {
            if ((slotEnd - start).Ticks % TimeSpan.TicksPerDay == 0)
            {
                await _edge!.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var edge = _edge ??= await StartAsync(cancellationToken).ConfigureAwait(false);
        if (parts.Count > 0)
        {
            await edge.Agent.Runtime.DecideAsync([.. parts.Select(Copy)], cancellationToken).ConfigureAwait(false);
        }

        var last = slotEnd >= start + To || slotEnd >= end;
        var away = !last && slotEnd > start + OutageFrom && slotEnd <= start + OutageTo;
        if (away != edge.Server.Away)
        {
            edge.Server.Away = away;
            edge.Server.LoseNextAnswer = !away;
            _pending.Add(away
                ? $"edge {EdgeId}: the link to the server is down; the edge keeps deciding into its own journal"
                : $"edge {EdgeId}: the server is back; the buffer of {edge.Forwarder.Depth:N0} cases is forwarded (the first answer is lost on the way and its batch is sent again)");
        }

        await edge.ForwardAsync(cancellationToken).ConfigureAwait(false);
        _peak = Math.Max(_peak, edge.Forwarder.Depth);
        await edge.Stops.PollOnceAsync(cancellationToken).ConfigureAwait(false);
        await edge.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
        if (last)
        {
            // The lost answer's batch is resent on the next round; two more rounds always empty the buffer.
            for (var i = 0; i < 3 && edge.Forwarder.Depth > 0; i++)
            {
                await edge.ForwardAsync(cancellationToken).ConfigureAwait(false);
            }

            await edge.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            _pending.Add(await SummaryAsync(edge, slotEnd, cancellationToken).ConfigureAwait(false));
            _done = true;
        }
    }

    private static CaseInput Copy(SimulatedPart part) =>
        new("edge-" + part.PartId, part.ProducedAt, part.Sensors.ToDictionary(kv => kv.Key, kv => (double?)kv.Value, StringComparer.Ordinal));

    private async Task<string> SummaryAsync(Running edge, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var decided = await edge.Journal.CountDecisionsAsync(AgentId, cancellationToken).ConfigureAwait(false);
        var forwarded = await store.CountDecisionsAsync(AgentId, cancellationToken).ConfigureAwait(false);
        var resent = edge.Server.Received - edge.Server.Stored;
        var health = (await store.GetEdgeHealthAsync(cancellationToken).ConfigureAwait(false)).Single(h => h.EdgeId == EdgeId);
        return string.Create(CultureInfo.InvariantCulture,
            $"edge {EdgeId}: {decided:N0} cases decided on the edge from {(start + From):MM-dd} to {at:MM-dd}, server away {(start + OutageFrom):MM-dd HH:mm} to {(start + OutageTo):MM-dd HH:mm}, buffered peak {_peak:N0}; forwarded {forwarded:N0} of {decided:N0} ({resent:N0} re-sent after a lost answer), duplicates {Math.Max(0, forwarded - decided)}; last heartbeat {health.LastHeartbeat:MM-dd HH:mm}, buffer {health.BufferDepth}, lag {health.ForwardingLag.TotalSeconds:0} s");
    }

    private async Task<Running> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(data, "edge");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var yaml = await File.ReadAllTextAsync(Path.Combine(data, "usecase.yaml"), cancellationToken).ConfigureAwait(false);
        yaml = yaml.Replace($"  id: {line.Agent.Id}\n", $"  id: {AgentId}\n", StringComparison.Ordinal);
        var definition = UseCaseLoader.Load(yaml, "edge configuration").Definition;
        if (definition.Agent.Id != AgentId)
        {
            throw new InvalidOperationException($"The demo's use case names its agent in a way the edge step does not expect; the edge's copy is still '{definition.Agent.Id}'.");
        }

        // Published as `rung edge publish` does, so the server's ingest creates the agent from it on first contact.
        await store.PublishEdgeConfigAsync(AgentId, definition.Agent.Scope, yaml, clock.GetUtcNow(), line.Business.Owner, cancellationToken).ConfigureAwait(false);
        var journal = await SqliteRungStore.OpenAsync(Path.Combine(folder, "edge.db"), clock, cancellationToken).ConfigureAwait(false);
        var server = new DemoEdgeServer(store, definition.Agent.Scope, clock);
        // The watchdog runs on real time; the in-process model answers in microseconds, so a generous budget never
        // turns a busy build machine's pause into a safe default.
        var options = new EdgeOptions { EdgeId = EdgeId, ModelBudget = TimeSpan.FromSeconds(5) };
        var forwarder = new EdgeForwarder(journal, server, options, clock);
        var stops = new StopSwitch();
        var model = await ModelFactory.CreateAsync(definition.Agent, data, clock, cancellationToken).ConfigureAwait(false);
        var connector = await JsonLinesActionConnector.OpenAsync(Path.Combine(folder, "actions", AgentId + ".jsonl"), cancellationToken).ConfigureAwait(false);
        var agent = await EdgeAgent.StartAsync(definition, journal, model, connector, stops, forwarder, options, clock, cancellationToken: cancellationToken).ConfigureAwait(false);
        _pending.Add($"edge {EdgeId}: a second agent, {AgentId}, decides a copy of the line's parts next to the line at {agent.Runtime.Stage} with {agent.Model.Version}, journals them locally and forwards them to this server");
        return new Running(clock, journal, server, forwarder, new EdgeStopFeed(journal, server, stops, clock), stops, agent);
    }

    /// <summary>What the edge holds while it runs.</summary>
    private sealed record Running(TimeProvider Clock, SqliteRungStore Journal, DemoEdgeServer Server, EdgeForwarder Forwarder, EdgeStopFeed Stops, StopSwitch Switch, EdgeAgent Agent) : IAsyncDisposable
    {
        public async Task ForwardAsync(CancellationToken cancellationToken)
        {
            try
            {
                while (await Forwarder.ForwardOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (EdgeServerException)
            {
                // Away, or the answer was lost: the cursor did not move, and the next round sends the batch again.
                await Forwarder.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task HeartbeatAsync(CancellationToken cancellationToken)
        {
            var cursor = await Journal.GetForwardedAsync(EdgeForwarder.Target, cancellationToken).ConfigureAwait(false);
            var (depth, oldest) = await Journal.GetJournalBacklogAsync(cursor, cancellationToken).ConfigureAwait(false);
            var now = Clock.GetUtcNow();
            try
            {
                await Server.HeartbeatAsync(new EdgeHeartbeat(EdgeId, now, depth, depth > 0 && oldest is { } o ? now - o : TimeSpan.Zero, Agent.Model.Version, Switch.AnyStopped), cancellationToken).ConfigureAwait(false);
            }
            catch (EdgeServerException)
            {
                // The server is away; the next slot reports again.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Agent.DisposeAsync().ConfigureAwait(false);
            await Journal.DisposeAsync().ConfigureAwait(false);
        }
    }
}
