using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Edge.Forwarding;
using Rung.Edge.Protocol;
using Rung.Edge.Safety;
using Rung.Models;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Storage.Edge;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Edge.Tests;

/// <summary>An edge journal and a server store, each a real SQLite file, joined by <see cref="StoreServer"/>.</summary>
internal sealed class EdgeFixture : IAsyncDisposable
{
    public const string Scope = "acme/dortmund/machining/line3/cell2";
    private readonly TempDirectory _dir = new();

    public TimeProvider Clock { get; init; } = new ManualTimeProvider();

    public SqliteRungStore Edge { get; private set; } = null!;

    public SqliteRungStore Server { get; private set; } = null!;

    public StoreServer Link { get; private set; } = null!;

    public StopSwitch Stops { get; } = new();

    public ListConnector Connector { get; } = new();

    /// <summary>The test use case; <paramref name="monitoring"/> is the agent's monitoring section, indented under <c>agent:</c>.</summary>
    public static UseCaseDefinition UseCase(Stage stage, string monitoring = "") => UseCaseLoader.Load($$"""
        usecase: { id: test-quality, name: Test quality }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: line3-quality
          scope: {{Scope}}
          initial_stage: {{stage}}
          model: { kind: process, version: "scripted-1", command: none }
          inputs:
            - { name: answer, unit: index, min: 0, max: 4 }
            - { name: target, unit: index, min: 0, max: 1, required: false }
          actions:
            - { name: accept, severity: Medium }
            - { name: scrap, severity: Low }
            - { name: open_valve, severity: Low }
            - { name: hold_for_inspection, severity: Low }
          default_action: hold_for_inspection
          guard:
            forbidden_targets: [ "acme/+/+/+/safety/#" ]
          slo: { window: 10, accuracy_floor: 0.92, alert_line: 0.9 }
          calendar: { time_zone: Europe/Berlin, working_days: [Mon, Tue, Wed, Thu, Fri], hours: "06:00-14:00" }
        {{monitoring}}
        """, "test.yaml").Definition;

    public static CaseInput Case(string id, double answer = 0, double? target = null) =>
        new(id, new DateTimeOffset(2026, 3, 2, 6, 59, 0, TimeSpan.Zero), new Dictionary<string, double?> { ["answer"] = answer, ["target"] = target });

    public async Task OpenAsync()
    {
        Edge = await SqliteRungStore.OpenAsync(_dir.File("edge.db"), Clock);
        Server ??= await SqliteRungStore.OpenAsync(_dir.File("server.db"), Clock);
        if (Link is null)
        {
            await Server.PublishEdgeConfigAsync("line3-quality", Scope, "usecase: {}", Clock.GetUtcNow(), "owner");
            Link = new StoreServer(Server, Clock);
        }
    }

    public async Task ReopenEdgeAsync()
    {
        await Edge.DisposeAsync();
        Edge = await SqliteRungStore.OpenAsync(_dir.File("edge.db"), Clock);
    }

    public Task<EdgeAgent> StartAsync(Stage stage, IModelAdapter? model = null, EdgeForwarder? forwarder = null, EdgeOptions? options = null, Func<bool>? ready = null) =>
        EdgeAgent.StartAsync(UseCase(stage), Edge, model ?? new ScriptedModel(), Connector, Stops, forwarder, options ?? new EdgeOptions(), Clock, ready);

    public async ValueTask DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Server.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>The server's ingest over its store, with a fault to inject: the answer is lost after the batch was applied.</summary>
    internal sealed class StoreServer(SqliteRungStore server, TimeProvider clock) : IEdgeServer
    {
        public int LoseAnswers { get; set; }

        public bool Down { get; set; }

        public int Calls { get; private set; }

        public async Task<int> ForwardAsync(string edgeId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Down)
            {
                throw new EdgeServerException("server not reachable");
            }

            // Through the wire format, as the HTTP route does.
            var wire = entries.Select(e => JournalWire.Read(System.Text.Json.JsonDocument.Parse(JournalWire.Write(e).ToJsonString()).RootElement)).ToList();
            var configs = await server.GetEdgeConfigsAsync(cancellationToken);
            var stored = await EdgeIngest.ApplyAsync(server, server, wire, (id, ct) => EdgeIngest.EnsureAgentAsync(server, configs.FirstOrDefault(c => c.AgentId == id), Stage.Shadow, clock.GetUtcNow(), ct), cancellationToken);
            if (LoseAnswers > 0)
            {
                LoseAnswers--;
                throw new EdgeServerException("connection reset", 502);
            }

            return stored;
        }

        public Task<DateTimeOffset> HeartbeatAsync(EdgeHeartbeat heartbeat, CancellationToken cancellationToken = default) => Task.FromResult(clock.GetUtcNow());

        public Task<IReadOnlyList<EdgeAgentConfig>> GetConfigAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<EdgeAgentConfig>>([]);

        /// <summary>The server's stop events, with their server id as the edge receives them.</summary>
        public async Task<IReadOnlyList<StopEvent>> GetStopsAsync(long after, CancellationToken cancellationToken = default)
        {
            if (Down)
            {
                throw new EdgeServerException("server not reachable");
            }

            return [.. (await server.GetStopsAsync(after, cancellationToken)).Select(s => s with { RemoteId = s.Id })];
        }
    }

    /// <summary>A connector that keeps what it was handed.</summary>
    internal sealed class ListConnector : IActionConnector
    {
        public List<PendingAction> Delivered { get; } = [];

        public ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
        {
            Delivered.AddRange(actions);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Feature <c>answer</c> picks the action; <c>target</c> 1 aims it at a safety target.</summary>
    internal sealed class ScriptedModel : IModelAdapter
    {
        public string Version => "scripted-1";

        public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
        {
            string[] actions = ["accept", "scrap", "open_valve"];
            var target = features.Values.TryGetValue("target", out var t) && t > 0 ? "acme/dortmund/machining/line3/safety/estop" : null;
            return ValueTask.FromResult(new ModelOutput(new ProposedAction(actions[(int)features.Values["answer"]], target), 0.99, [], false));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A model that never answers and ignores cancellation, as a hung process would.</summary>
    internal sealed class HungModel : IModelAdapter
    {
        private readonly TaskCompletionSource<ModelOutput> _never = new();

        public string Version => "hung-1";

        public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default) => new(_never.Task);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
