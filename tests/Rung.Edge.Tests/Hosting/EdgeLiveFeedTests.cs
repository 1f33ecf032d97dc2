using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Edge.Alarms;
using Rung.Edge.Forwarding;
using Rung.Edge.Hosting;
using Rung.Edge.Models;
using Rung.Edge.Protocol;
using Rung.Edge.Tests.Models;
using Rung.Edge.Tests.Processes;
using Rung.Registry.Signing;
using Rung.Testing;

namespace Rung.Edge.Tests.Hosting;

/// <summary>A running edge follows the server's stage changes and model releases, between batches.</summary>
public sealed class EdgeLiveFeedTests
{
    private const string Agent = "line3-quality";

    [Fact]
    public async Task Promotion_WhileABatchIsInFlight_IsJournalledAtOnce_DecidesFromTheNextBatch_AndSurvivesARestartWithoutServer()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        using var dir = new TempDirectory();
        var model = new GatedModel();
        // The watchdog's budget runs on real timers even with the manual clock: far above any scheduling delay, so the
        // gated call stays in flight until the test opens it, however loaded the machine.
        var agent = await f.StartAsync(Stage.ApproveEach, model, options: new EdgeOptions { ModelBudget = TimeSpan.FromMinutes(5) });
        var server = new LiveServer(f.Link) { Configs = { Config(Stage.AutoWithExceptions, 2) } };
        var lines = new List<string>();
        var live = new EdgeLiveFeed(server, null, null, f.Edge, dir.Path, [agent], "line3-edge", f.Clock, lines.Add);

        var inFlight = agent.DecideAsync([EdgeFixture.Case("a1", 1)]);
        await model.Asked;
        Assert.True(await live.PollOnceAsync());

        Assert.Equal(Stage.AutoWithExceptions, (await f.Edge.GetAgentAsync(Agent))!.Stage);
        var change = (await f.Edge.GetStageHistoryAsync(Agent))[^1];
        Assert.Equal((Stage.ApproveEach, Stage.AutoWithExceptions, StageChangeKind.Promotion, EdgeStageMirror.Actor), (change.From, change.To, change.Kind, change.Actor));
        Assert.Equal("2", change.Evidence["config_version"]);
        Assert.Equal(Stage.AutoWithExceptions, Assert.Single((await EdgeConfigCache.LoadAsync(dir.Path))!).Stage);
        Assert.Equal(Stage.ApproveEach, agent.Runtime.Stage);

        model.Open();
        var first = Assert.Single(await inFlight);
        await live.WhenAppliedAsync();
        Assert.Equal((Stage.ApproveEach, Disposition.PendingApproval), (first.Record.Stage, first.Record.Decision.Disposition));
        Assert.Equal(Stage.AutoWithExceptions, agent.Runtime.Stage);
        var next = Assert.Single(await agent.DecideAsync([EdgeFixture.Case("a2", 1)]));
        Assert.Equal((Stage.AutoWithExceptions, Disposition.Committed), (next.Record.Stage, next.Record.Decision.Disposition));
        Assert.Contains(lines, l => l.Contains("decides on AutoWithExceptions (was ApproveEach)", StringComparison.Ordinal));

        // A poll that finds nothing new records nothing.
        var history = (await f.Edge.GetStageHistoryAsync(Agent)).Count;
        Assert.True(await live.PollOnceAsync());
        Assert.Equal(history, (await f.Edge.GetStageHistoryAsync(Agent)).Count);

        // Restart with the server away: the cached configuration and the journal agree on the last stage learned.
        await agent.DisposeAsync();
        await f.ReopenEdgeAsync();
        var cached = Assert.Single((await EdgeConfigCache.LoadAsync(dir.Path))!);
        Assert.Null(await EdgeStageMirror.RecordAsync(f.Edge, Agent, cached.Stage, cached.Version, "line3-edge", f.Clock));
        await using var restarted = await f.StartAsync(cached.Stage);
        Assert.Equal(Stage.AutoWithExceptions, restarted.Runtime.Stage);
        Assert.Equal(Disposition.Committed, Assert.Single(await restarted.DecideAsync([EdgeFixture.Case("a3", 1)])).Record.Decision.Disposition);
    }

    [Fact]
    public async Task Demotion_WithTheBufferFull_IsJournalledOnTheNextPoll_TheWaitingBatchCommitsNothing_TheNextIsOnTheNewStage()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        using var dir = new TempDirectory();
        var forwarder = new EdgeForwarder(f.Edge, f.Link, new EdgeOptions { BufferBudget = 3, BatchSize = 10 }, f.Clock);
        await using var agent = await f.StartAsync(Stage.AutoWithExceptions, forwarder: forwarder);
        f.Link.Down = true;
        await agent.DecideAsync([.. Enumerable.Range(0, 3).Select(i => EdgeFixture.Case($"b{i}", 1))]);
        Assert.Equal(3, await forwarder.RefreshAsync());
        var held = agent.DecideAsync([EdgeFixture.Case("b3", 1)]);
        var server = new LiveServer(f.Link) { Configs = { Config(Stage.ApproveEach, 3) } };
        var live = new EdgeLiveFeed(server, null, null, f.Edge, dir.Path, [agent], "line3-edge", f.Clock, _ => { });

        // The poll never waits behind the full buffer (the guard against a hang is not a timing assertion).
        Assert.True(await live.PollOnceAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(held.IsCompleted);
        Assert.Equal(Stage.ApproveEach, (await f.Edge.GetAgentAsync(Agent))!.Stage);
        Assert.Equal(StageChangeKind.Demotion, (await f.Edge.GetStageHistoryAsync(Agent))[^1].Kind);
        Assert.Equal(Stage.ApproveEach, agent.ServerStage);

        f.Link.Down = false;
        await forwarder.ForwardOnceAsync();
        var waited = Assert.Single(await held);
        Assert.NotEqual(Disposition.Committed, waited.Record.Decision.Disposition);
        Assert.Contains(waited.Record.Decision.Reasons, r => r.Contains("the server moved the agent to ApproveEach", StringComparison.Ordinal));
        await live.WhenAppliedAsync();
        Assert.Equal(Stage.ApproveEach, agent.Runtime.Stage);
        var after = Assert.Single(await agent.DecideAsync([EdgeFixture.Case("b4", 1)]));
        Assert.Equal((Stage.ApproveEach, Disposition.PendingApproval), (after.Record.Stage, after.Record.Decision.Disposition));
        Assert.DoesNotContain(f.Connector.Delivered, a => a.CaseId is "b3" or "b4");
    }

    [Fact]
    public async Task Release_IsFetchedVerifiedAndSwitchedIn_ABadVersionIsRefusedWithAnAlarm_AndTheCurrentModelKeepsDeciding()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        using var dir = new TempDirectory();
        await using var edge = await SignedEdge.StartAsync(f, dir);
        var (agent, live, kit) = (edge.Agent, edge.Live, edge.Kit);
        Assert.Equal("v1", agent.Model.Version);
        Assert.True(await live.PollOnceAsync());
        await live.WhenAppliedAsync();
        Assert.Equal("v1", agent.Model.Version);
        Assert.Equal("v1", Assert.Single(await agent.DecideAsync([EdgeFixture.Case("a1", 1)])).Record.Proposal.ModelVersion);

        await kit.PublishAsync("v2", EdgeProcessFixture.ModelScript.Replace("0.99", "0.97", StringComparison.Ordinal));
        Assert.True(await live.PollOnceAsync());
        await live.WhenAppliedAsync();
        Assert.Equal(("v2", "v2"), (agent.Model.Version, agent.Runtime.ModelVersion));
        var released = Assert.Single(await agent.DecideAsync([EdgeFixture.Case("b1", 1)])).Record.Proposal;
        Assert.Equal(("v2", 0.97), (released.ModelVersion, released.Confidence));
        Assert.Contains(edge.Lines, l => l.Contains("decides with model v2 (was v1)", StringComparison.Ordinal));

        kit.Tamper = (path, bytes) => path == "model.py" ? [.. bytes, (byte)'#'] : bytes;
        await kit.PublishAsync("v3", EdgeProcessFixture.ModelScript);
        Assert.True(await live.PollOnceAsync());
        await live.WhenAppliedAsync();
        Assert.Equal("v2", agent.Model.Version);
        var alarm = Assert.Single(await f.Edge.GetPendingEdgeAlarmsAsync(10), a => a.Rule == EdgeAlarmRules.ModelIntegrity);
        Assert.Equal("v3", alarm.Evidence["version"]);
        Assert.Contains("model.py", alarm.Evidence["problem"], StringComparison.Ordinal);
        Assert.False(Directory.Exists(new EdgeModelCache(edge.Data).FolderOf(Agent, "v3")));
        Assert.Equal("v2", (await new EdgeModelCache(edge.Data).LoadStateAsync(Agent)).Champion);
        Assert.Equal("v2", Assert.Single(await agent.DecideAsync([EdgeFixture.Case("c1", 1)])).Record.Proposal.ModelVersion);

        // The refused offer is not fetched again at every poll, only when the server names another champion.
        var downloads = kit.Downloads;
        Assert.True(await live.PollOnceAsync());
        Assert.Equal(downloads, kit.Downloads);
        Assert.Single(await f.Edge.GetPendingEdgeAlarmsAsync(10));
    }

    [Fact]
    public async Task ServerAway_NothingChanges_AndTheChangesApplyWhenItIsBack()
    {
        await using var f = new EdgeFixture();
        await f.OpenAsync();
        using var dir = new TempDirectory();
        await using var edge = await SignedEdge.StartAsync(f, dir);
        var (agent, live, kit, server) = (edge.Agent, edge.Live, edge.Kit, edge.Server);
        await kit.PublishAsync("v2", EdgeProcessFixture.ModelScript.Replace("0.99", "0.97", StringComparison.Ordinal));
        server.Configs[0] = Config(Stage.ApproveEach, 2);
        server.Down = true;
        var downloads = kit.Downloads;

        Assert.False(await live.PollOnceAsync());
        await live.WhenAppliedAsync();

        Assert.Contains("not reachable", live.LastError, StringComparison.Ordinal);
        Assert.Equal(downloads, kit.Downloads);
        Assert.Equal(Stage.AutoWithExceptions, (await f.Edge.GetAgentAsync(Agent))!.Stage);
        Assert.Null(agent.ServerStage);
        Assert.Equal(Stage.AutoWithExceptions, agent.Runtime.Stage);
        Assert.Null(await EdgeConfigCache.LoadAsync(edge.Data));
        var decided = Assert.Single(await agent.DecideAsync([EdgeFixture.Case("a1", 1)])).Record;
        Assert.Equal(("v1", Disposition.Committed), (decided.Proposal.ModelVersion, decided.Decision.Disposition));

        server.Down = false;
        Assert.True(await live.PollOnceAsync());
        await live.WhenAppliedAsync();
        Assert.Null(live.LastError);
        var later = Assert.Single(await agent.DecideAsync([EdgeFixture.Case("a2", 1)])).Record;
        Assert.Equal(("v2", Stage.ApproveEach, Disposition.PendingApproval), (later.Proposal.ModelVersion, later.Stage, later.Decision.Disposition));
    }

    internal static EdgeAgentConfig Config(Stage stage, int version) => new(Agent, EdgeFixture.Scope, version, stage, "usecase: {}");
}
