using Rung.Core.Ladder;
using Rung.Storage.Audit;
using Rung.Storage.Replication;
using Rung.Storage.Sqlite;
using Rung.Testing;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests.Replication;

public sealed class TemplateStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(T0);
    private SqliteRungStore? _store;

    private SqliteRungStore Store => _store!;

    public async Task InitializeAsync() => _store = await SqliteRungStore.OpenAsync(Path.Combine(_directory.Path, "rung.db"), _time);

    public async Task DisposeAsync() => await Store.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task CreateTemplateInstanceAsync_StoresAgentStageAuditAndInstanceTogether()
    {
        await Store.CreateTemplateInstanceAsync(Agent("line5-quality"), Initial("line5-quality"), Instance("line5-quality", T0.AddDays(1)));

        var agent = await Store.GetAgentAsync("line5-quality");
        Assert.Equal(Stage.Shadow, agent!.Stage);
        var history = await Store.GetStageHistoryAsync("line5-quality");
        Assert.Equal(StageChangeKind.Initial, Assert.Single(history).Kind);
        var instance = Assert.Single(await Store.GetTemplateInstancesAsync());
        Assert.Equal(Instance("line5-quality", T0.AddDays(1)), instance);
        var audit = await Store.GetAuditEntriesAsync(AuditQuery.All);
        Assert.Contains(audit, e => e.RecordId == "line5-quality" && e.Action == "instantiate" && e.NewValue!.Contains("\"templateId\":\"line3-surface-quality\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateTemplateInstanceAsync_ExistingAgent_IsRefusedAndStoresNothing()
    {
        await Store.EnsureAgentAsync(Agent("line5-quality"), Initial("line5-quality"));
        var auditBefore = (await Store.GetAuditEntriesAsync(AuditQuery.All)).Count;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateTemplateInstanceAsync(Agent("line5-quality"), Initial("line5-quality"), Instance("line5-quality", T0)));

        Assert.Empty(await Store.GetTemplateInstancesAsync());
        Assert.Equal(auditBefore, (await Store.GetAuditEntriesAsync(AuditQuery.All)).Count);
    }

    [Fact]
    public async Task CreateTemplateInstanceAsync_RecordsForDifferentAgents_AreRefused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateTemplateInstanceAsync(Agent("line5-quality"), Initial("line5-quality"), Instance("line6-quality", T0)));

        Assert.Contains("must name the same agent", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.GetAgentsAsync());
    }

    [Fact]
    public async Task GetTemplateInstancesAsync_SurvivesReopen_OldestFirst()
    {
        await Store.CreateTemplateInstanceAsync(Agent("b-agent"), Initial("b-agent"), Instance("b-agent", T0.AddDays(2)));
        await Store.CreateTemplateInstanceAsync(Agent("a-agent"), Initial("a-agent"), Instance("a-agent", T0.AddDays(3)));
        await Store.DisposeAsync();
        _store = await SqliteRungStore.OpenAsync(Path.Combine(_directory.Path, "rung.db"), _time);

        var all = await Store.GetTemplateInstancesAsync();

        Assert.Equal(["b-agent", "a-agent"], all.Select(i => i.AgentId));
    }

    private static TemplateInstance Instance(string agentId, DateTimeOffset at) =>
        new(agentId, "line3-surface-quality", "pilot-1.0", "line3-quality", "koeln", "line5", at, "ml.engineer");
}
