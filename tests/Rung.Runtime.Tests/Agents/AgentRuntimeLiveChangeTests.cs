using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Runtime.Agents;
using static Rung.Runtime.Tests.Agents.RuntimeFixture;

namespace Rung.Runtime.Tests.Agents;

/// <summary>A running runtime takes a stage change or a new model between batches, never inside one, and without a restart.</summary>
public sealed class AgentRuntimeLiveChangeTests
{
    private const string AgentId = "line3-quality";

    private static StageChange Change(Stage from, Stage to, StageChangeKind kind, DateTimeOffset at) =>
        new(AgentId, from, to, kind, at, kind == StageChangeKind.Promotion ? "line3.lead" : "gate", "recorded by the gate", new Dictionary<string, string>());

    [Fact]
    public async Task RefreshStageAsync_PromotionRecordedOutside_NextBatchIsDecidedAndStoredOnTheNewStage_NothingRecordedAgain()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.Shadow);
        Assert.Equal(Disposition.Logged, (await agent.DecideAsync([Case("p1", 1)]))[0].Record.Decision.Disposition);
        f.Clock.Advance(TimeSpan.FromMinutes(5));
        var at = f.Clock.GetUtcNow();
        await f.Store.AppendStageChangeAsync(Change(Stage.Shadow, Stage.ApproveEach, StageChangeKind.Promotion, at));

        // Recorded, but the running runtime has not been told yet.
        Assert.Equal(Stage.Shadow, agent.Stage);
        Assert.True(await agent.RefreshStageAsync());
        Assert.Equal((Stage.ApproveEach, at), (agent.Stage, agent.StageSince));

        var next = (await agent.DecideAsync([Case("p2", 1)]))[0].Record;
        Assert.Equal((Stage.ApproveEach, Disposition.PendingApproval), (next.Stage, next.Decision.Disposition));
        Assert.Equal(Stage.ApproveEach, (await f.Store.GetDecisionAsync("p2"))!.Stage);
        Assert.Equal(Stage.Shadow, (await f.Store.GetDecisionAsync("p1"))!.Stage);

        Assert.False(await agent.RefreshStageAsync());
        var history = await f.Store.GetStageHistoryAsync(AgentId);
        Assert.Single(history, h => h.Kind == StageChangeKind.Promotion);
    }

    [Fact]
    public async Task RefreshStageAsync_DemotionByTheGate_AppliesAtOnce_NothingIsCommittedOnTheOldStage()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.AutoWithExceptions);
        Assert.Equal(Disposition.Committed, (await agent.DecideAsync([Case("p1", 0)]))[0].Record.Decision.Disposition);
        Assert.Single(f.DeliveredLines());

        await f.Store.AppendStageChangeAsync(Change(Stage.AutoWithExceptions, Stage.ApproveEach, StageChangeKind.Demotion, f.Clock.GetUtcNow()));
        Assert.True(await agent.RefreshStageAsync());

        var next = (await agent.DecideAsync([Case("p2", 0)]))[0].Record;
        Assert.Equal((Stage.ApproveEach, Disposition.PendingApproval), (next.Stage, next.Decision.Disposition));
        Assert.Single(f.DeliveredLines());
    }

    [Fact]
    public async Task RefreshStageAsync_DuringABatch_WaitsForIt_TheBatchIsNotSplit()
    {
        await using var f = new RuntimeFixture();
        await f.StartAsync(Stage.Shadow);
        var model = new HeldModel("held-1") { HoldAt = 2 };
        var agent = await AgentRuntime.StartAsync(UseCase(Stage.Shadow), f.Store, model, f.Connector, f.Clock);

        var batch = agent.DecideAsync([Case("p1", 1), Case("p2", 1), Case("p3", 1)]);
        await model.Reached.Task;
        await f.Store.AppendStageChangeAsync(Change(Stage.Shadow, Stage.ApproveEach, StageChangeKind.Promotion, f.Clock.GetUtcNow()));
        var refresh = agent.RefreshStageAsync();

        // The second case is still with the model: the change waits for the batch to end.
        Assert.False(refresh.IsCompleted);
        Assert.Equal(Stage.Shadow, agent.Stage);
        model.Release.SetResult();
        var decided = await batch;
        Assert.True(await refresh);

        Assert.All(decided, d => Assert.Equal((Stage.Shadow, Disposition.Logged), (d.Record.Stage, d.Record.Decision.Disposition)));
        foreach (var id in new[] { "p1", "p2", "p3" })
        {
            Assert.Equal(Stage.Shadow, (await f.Store.GetDecisionAsync(id))!.Stage);
        }

        var next = (await agent.DecideAsync([Case("p4", 1)]))[0].Record;
        Assert.Equal((Stage.ApproveEach, Disposition.PendingApproval), (next.Stage, next.Decision.Disposition));
    }

    [Fact]
    public async Task UseModelAsync_DuringABatch_WaitsForIt_TheNextBatchIsDecidedByTheNewVersion()
    {
        await using var f = new RuntimeFixture();
        await f.StartAsync(Stage.Shadow);
        var old = new HeldModel("v1") { HoldAt = 2 };
        var agent = await AgentRuntime.StartAsync(UseCase(Stage.Shadow), f.Store, old, f.Connector, f.Clock);
        Assert.Equal("v1", agent.ModelVersion);

        var batch = agent.DecideAsync([Case("p1", 1), Case("p2", 1), Case("p3", 1)]);
        await old.Reached.Task;
        var use = agent.UseModelAsync(new HeldModel("v2"));
        Assert.False(use.IsCompleted);
        old.Release.SetResult();
        var decided = await batch;
        await use;

        Assert.All(decided, d => Assert.Equal("v1", d.Record.Proposal.ModelVersion));
        Assert.Equal("v2", agent.ModelVersion);
        var next = (await agent.DecideAsync([Case("p4", 1), Case("p5", 0)])).Select(d => d.Record.Proposal.ModelVersion);
        Assert.All(next, v => Assert.Equal("v2", v));
        Assert.Equal("v2", (await f.Store.GetDecisionAsync("p4"))!.Proposal.ModelVersion);
    }

    [Fact]
    public async Task DecideAsync_ModelSwitchesVersionMidBatch_TheWholeBatchIsAnsweredByTheVersionItBeganWith()
    {
        await using var f = new RuntimeFixture();
        await f.StartAsync(Stage.Shadow);
        var v2 = new HeldModel("v2");
        SwitchingModel? host = null;
        // A release lands while v1 answers the batch's first case.
        var v1 = new HeldModel("v1") { OnCall = () => host!.SwitchTo(v2) };
        host = new SwitchingModel(v1);
        var agent = await AgentRuntime.StartAsync(UseCase(Stage.Shadow), f.Store, host, f.Connector, f.Clock);

        var decided = await agent.DecideAsync([Case("p1", 1), Case("p2", 0), Case("p3", 1)]);
        Assert.Equal(["v1", "v1", "v1"], decided.Select(d => d.Record.Proposal.ModelVersion));
        Assert.Equal("v2", host.Version);

        var next = await agent.DecideAsync([Case("p4", 1), Case("p5", 0)]);
        Assert.Equal(["v2", "v2"], next.Select(d => d.Record.Proposal.ModelVersion));
    }
}
