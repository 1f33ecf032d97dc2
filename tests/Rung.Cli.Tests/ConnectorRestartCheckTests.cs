using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Proposals;
using Rung.Models;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Cli.Tests;

/// <summary>The connector restart check on a real journal and a real actions file: clean after a restart, and it catches a planted loss and a planted duplicate.</summary>
public sealed class ConnectorRestartCheckTests
{
    private const string Yaml = """
        usecase: { id: uc, name: Connector check }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: agent-1
          scope: acme/site/area/line
          initial_stage: AutoWithExceptions
          model: { kind: process, version: "fixed-1", command: none }
          inputs: [ { name: x, unit: mm, min: 0, max: 1 } ]
          actions: [ { name: accept, severity: Medium }, { name: scrap, severity: Low } ]
          default_action: scrap
        """;

    [Fact]
    public async Task Restart_MidStream_EveryCommittedActionIsInTheFileExactlyOnce()
    {
        await using var env = await Env.StartAsync();
        await env.DecideAsync(0, 40);

        var check = await ConnectorRestartCheck.RunAsync(env.Connector, env.Store, env.Store, "agent-1", env.File, env.Clock, replay: 10);
        await env.DecideAsync(40, 20);
        var after = await ConnectorRestartCheck.VerifyAsync(env.Store, "agent-1", env.File, env.Clock.GetUtcNow(), "after");

        Assert.True(check.Clean, check.Note);
        Assert.Equal((40, 40, 0, 0), (check.Committed, check.Delivered, check.Lost, check.Duplicated));
        Assert.Equal(1, env.Connector.Restarts);
        Assert.Equal(check, Assert.Single(await env.Store.GetConnectorChecksAsync("agent-1")));
        Assert.Equal((60, 60, 0, 0), (after.Committed, after.Delivered, after.Lost, after.Duplicated));
        Assert.Equal(60, File.ReadAllLines(env.File).Length);
    }

    [Fact]
    public async Task Verify_PlantedLossAndDuplicate_AreCountedAndNamed()
    {
        await using var env = await Env.StartAsync();
        await env.DecideAsync(0, 30);
        await env.Connector.DisposeAsync();
        var lines = File.ReadAllLines(env.File).ToList();
        var lostLine = lines[7];
        lines.RemoveAt(7);
        lines.Add(lines[3]);
        await File.WriteAllLinesAsync(env.File, lines);

        var check = await ConnectorRestartCheck.VerifyAsync(env.Store, "agent-1", env.File, env.Clock.GetUtcNow(), "planted");

        Assert.False(check.Clean);
        Assert.Equal((30, 29, 1, 1), (check.Committed, check.Delivered, check.Lost, check.Duplicated));
        Assert.Contains("lost: c0007", check.Note, StringComparison.Ordinal);
        Assert.Contains("duplicated: c0003", check.Note, StringComparison.Ordinal);
        Assert.Contains("\"case_id\":\"c0007\"", lostLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_LostFromTheFileButMarkedDelivered_IsNotHiddenByTheRestart()
    {
        await using var env = await Env.StartAsync();
        await env.DecideAsync(0, 12);
        // The target lost a line the journal already counts as delivered: the outbox cannot redeliver it.
        var lines = File.ReadAllLines(env.File).Where(l => !l.Contains("\"c0005\"", StringComparison.Ordinal)).ToArray();
        await File.WriteAllLinesAsync(env.File, lines);

        var check = await ConnectorRestartCheck.RunAsync(env.Connector, env.Store, env.Store, "agent-1", env.File, env.Clock, replay: 3);

        Assert.Equal((12, 11, 1, 0), (check.Committed, check.Delivered, check.Lost, check.Duplicated));
        Assert.Contains("lost: c0005", check.Note, StringComparison.Ordinal);
        Assert.False(Assert.Single(await env.Store.GetConnectorChecksAsync("agent-1")).Clean);
    }

    private sealed class Env : IAsyncDisposable
    {
        private readonly TempDirectory _dir = new();

        public ManualTimeProvider Clock { get; } = new();

        public SqliteRungStore Store { get; private set; } = null!;

        public RestartableActionConnector<JsonLinesActionConnector> Connector { get; private set; } = null!;

        public AgentRuntime Agent { get; private set; } = null!;

        public string File => _dir.File("actions/agent-1.jsonl");

        public static async Task<Env> StartAsync()
        {
            var env = new Env();
            env.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));
            env.Store = await SqliteRungStore.OpenAsync(env._dir.File("rung.db"), env.Clock);
            var file = env.File;
            env.Connector = new RestartableActionConnector<JsonLinesActionConnector>(await JsonLinesActionConnector.OpenAsync(file), c => JsonLinesActionConnector.OpenAsync(file, c));
            env.Agent = await AgentRuntime.StartAsync(UseCaseLoader.Load(Yaml, "test.yaml").Definition, env.Store, new AcceptModel(), env.Connector, env.Clock);
            Assert.Equal(Stage.AutoWithExceptions, env.Agent.Stage);
            return env;
        }

        public async Task DecideAsync(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                Clock.Advance(TimeSpan.FromMinutes(1));
                await Agent.DecideAsync([new CaseInput($"c{i:0000}", Clock.GetUtcNow(), new Dictionary<string, double?> { ["x"] = 0.5 })]);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Connector.DisposeAsync();
            await Store.DisposeAsync();
            _dir.Dispose();
        }
    }

    private sealed class AcceptModel : IModelAdapter
    {
        public string Version => "fixed-1";

        public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ModelOutput(new ProposedAction("accept"), 0.99, [new FeatureContribution("x", 1)]));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
