using Rung.Core.Ladder;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    [Fact]
    public async Task AppendStageChangeAsync_records_history_and_moves_the_current_stage()
    {
        await CreateAgentAsync(stage: Stage.Shadow, at: T0);
        var promotion = Change(Stage.Shadow, Stage.ApproveEach, T0.AddDays(7));
        var demotion = Change(Stage.ApproveEach, Stage.Shadow, T0.AddDays(9), StageChangeKind.Demotion);

        await Store.AppendStageChangeAsync(promotion);
        await Store.AppendStageChangeAsync(demotion);

        var history = await Store.GetStageHistoryAsync(AgentId);
        Assert.Equal([StageChangeKind.Initial, StageChangeKind.Promotion, StageChangeKind.Demotion], history.Select(c => c.Kind));
        Assert.Equal(promotion.At, history[1].At);
        Assert.Equal("owner", history[1].Actor);
        Assert.Equal(promotion.Reason, history[1].Reason);
        Assert.Equal("0.95", history[1].Evidence["accuracy"]);
        var agent = await Store.GetAgentAsync(AgentId);
        Assert.Equal(Stage.Shadow, agent!.Stage);
        Assert.Equal(demotion.At, agent.StageSince);
    }

    [Fact]
    public async Task AppendStageChangeAsync_from_a_stage_the_agent_is_not_on_changes_nothing()
    {
        await CreateAgentAsync(stage: Stage.Shadow, at: T0);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.AppendStageChangeAsync(Change(Stage.ApproveEach, Stage.AutoWithExceptions, T0.AddDays(1))));

        Assert.Contains("Shadow", error.Message, StringComparison.Ordinal);
        Assert.Single(await Store.GetStageHistoryAsync(AgentId));
        Assert.Equal(Stage.Shadow, (await Store.GetAgentAsync(AgentId))!.Stage);
    }

    [Fact]
    public async Task AppendStageChangeAsync_for_an_unknown_agent_throws_KeyNotFoundException()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(
            () => Store.AppendStageChangeAsync(Change(Stage.Shadow, Stage.ApproveEach, T0, agentId: "ghost")));
    }
}
