using Rung.Core.Policy;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    [Fact]
    public async Task Excepted_decision_stores_its_item_and_resolving_closes_it_once()
    {
        await CreateAgentAsync();
        var record = Decision("c1", T0, Disposition.Excepted);
        await Store.AppendDecisionsAsync([record, Decision("c2", T0.AddMinutes(1), Disposition.Excepted), Decision("c3", T0, Disposition.Committed)]);

        var open = await Store.GetOpenExceptionsAsync(AgentId, 10);
        Assert.Equal(["c1", "c2"], open.Select(x => x.CaseId));
        Assert.Equal(record.Exception, open[0]);

        var resolvedAt = T0.AddHours(1);
        Assert.True(await Store.ResolveExceptionAsync("c1", "anna", "scrap", resolvedAt));
        Assert.False(await Store.ResolveExceptionAsync("c1", "ben", "pass", resolvedAt.AddHours(1)));

        Assert.Equal(["c2"], (await Store.GetOpenExceptionsAsync(AgentId, 10)).Select(x => x.CaseId));
        var stored = (await Store.GetDecisionAsync("c1"))!.Exception;
        Assert.NotNull(stored);
        Assert.Equal(resolvedAt, stored.ResolvedAt);
        Assert.Equal("scrap", stored.Resolution);
        Assert.False(stored.IsOpen);
    }

    [Fact]
    public async Task ResolveExceptionAsync_without_an_item_throws_KeyNotFoundException()
    {
        await CreateAgentAsync();
        await Store.AppendDecisionsAsync([Decision("c1", T0, Disposition.Committed)]);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.ResolveExceptionAsync("c1", "anna", "scrap", T0));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.ResolveExceptionAsync("c-none", "anna", "scrap", T0));
    }

    [Fact]
    public async Task GetOpenExceptionsAsync_returns_the_oldest_first_up_to_the_limit_for_the_agent_only()
    {
        await CreateAgentAsync();
        await CreateAgentAsync("oven-1");
        await Store.AppendDecisionsAsync(
        [
            Decision("c3", T0.AddMinutes(3), Disposition.Excepted),
            Decision("c1", T0.AddMinutes(1), Disposition.Excepted),
            Decision("c2", T0.AddMinutes(2), Disposition.Excepted),
            Decision("o1", T0, Disposition.Excepted, agentId: "oven-1"),
        ]);

        Assert.Equal(["c1", "c2"], (await Store.GetOpenExceptionsAsync(AgentId, 2)).Select(x => x.CaseId));
        Assert.Equal(["o1"], (await Store.GetOpenExceptionsAsync("oven-1", 10)).Select(x => x.CaseId));
    }
}
