using Rung.Core.Ladder;
using Rung.Storage.Audit;
using Rung.Storage.Replication;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class DataStoreContract
{
    private static TemplateInstance Instance(string agentId, DateTimeOffset at) =>
        new(agentId, "line3-surface-quality", "pilot-1.0", "line3-quality", "koeln", "line5", at, "ml.engineer");

    [Fact]
    public async Task CreateTemplateInstanceAsync_StoresAgentStageAuditAndInstanceTogether()
    {
        var created = await Store.CreateTemplateInstanceAsync(Agent("line5-quality"), Initial("line5-quality"), Instance("line5-quality", T0.AddDays(1)));

        Assert.Equal(created, await Store.GetAgentAsync("line5-quality"));
        Assert.Equal(Stage.Shadow, created.Stage);
        Assert.Equal(StageChangeKind.Initial, Assert.Single(await Store.GetStageHistoryAsync("line5-quality")).Kind);
        Assert.Equal(Instance("line5-quality", T0.AddDays(1)), Assert.Single(await Store.GetTemplateInstancesAsync()));
        var audit = await Store.GetAuditEntriesAsync(AuditQuery.All);
        Assert.Equal(["create", "instantiate"], audit.Where(e => e.RecordId == "line5-quality").Select(e => e.Action));
        Assert.Contains(audit, e => e.Action == "instantiate" && e.Actor == "ml.engineer" && e.NewValue!.Contains("\"templateId\":\"line3-surface-quality\"", StringComparison.Ordinal));
        AssertOneChain(audit);
    }

    [Fact]
    public async Task CreateTemplateInstanceAsync_ExistingAgent_IsRefusedAndStoresNothing()
    {
        await Store.EnsureAgentAsync(Agent("line5-quality"), Initial("line5-quality"));
        var auditBefore = (await Store.GetAuditEntriesAsync(AuditQuery.All)).Count;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateTemplateInstanceAsync(Agent("line5-quality"), Initial("line5-quality"), Instance("line5-quality", T0)));

        Assert.Contains("'line5-quality' already exists", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.GetTemplateInstancesAsync());
        Assert.Equal(auditBefore, (await Store.GetAuditEntriesAsync(AuditQuery.All)).Count);
        Assert.Single(await Store.GetStageHistoryAsync("line5-quality"));
    }

    [Fact]
    public async Task CreateTemplateInstanceAsync_RecordsForDifferentAgents_AreRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateTemplateInstanceAsync(Agent("line5-quality"), Initial("line5-quality"), Instance("line6-quality", T0)));

        Assert.Contains("must name the same agent", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.GetAgentsAsync());
    }

    [Fact]
    public async Task GetTemplateInstancesAsync_SeenByAnotherInstance_OldestFirst()
    {
        await Store.CreateTemplateInstanceAsync(Agent("b-agent"), Initial("b-agent"), Instance("b-agent", T0.AddDays(2)));
        await Store.CreateTemplateInstanceAsync(Agent("a-agent"), Initial("a-agent"), Instance("a-agent", T0.AddDays(3)));

        var all = await (await OpenAnotherAsync()).GetTemplateInstancesAsync();

        Assert.Equal(["b-agent", "a-agent"], all.Select(i => i.AgentId));
    }
}
