using Rung.Core.Ladder;
using Rung.Storage.Journal;
using Rung.Testing;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IRungStore"/> must have. A provider's test class derives from it and says
/// how to open its store; the same tests then run against each provider.
/// </summary>
public abstract partial class RungStoreContract : IAsyncLifetime
{
    private IRungStore? _store;

    protected IRungStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>The schema version the provider's build creates.</summary>
    protected abstract int ExpectedSchemaVersion { get; }

    private protected ManualTimeProvider Time { get; } = new(T0);

    /// <summary>Opens the provider's store on the test's database; called again by <see cref="ReopenAsync"/>.</summary>
    private protected abstract Task<IRungStore> OpenStoreAsync(TimeProvider timeProvider);

    public virtual async Task InitializeAsync()
    {
        _store = await OpenStoreAsync(Time);
    }

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    /// <summary>Closes the store and opens it again on the same database, as a restarted process would.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        _store = null;
        _store = await OpenStoreAsync(Time);
    }

    protected async Task<AgentRecord> CreateAgentAsync(string agentId = AgentId, Stage stage = Stage.Shadow, DateTimeOffset? at = null) =>
        await Store.EnsureAgentAsync(Agent(agentId, stage, at), Initial(agentId, stage, at));

    [Fact]
    public async Task MigrateAsync_run_again_keeps_the_version_and_the_data()
    {
        await CreateAgentAsync();
        Assert.Equal(ExpectedSchemaVersion, await Store.GetSchemaVersionAsync());

        await Store.MigrateAsync();
        await Store.MigrateAsync();

        Assert.Equal(ExpectedSchemaVersion, await Store.GetSchemaVersionAsync());
        Assert.Single(await Store.GetAgentsAsync());
    }

    [Fact]
    public async Task EnsureAgentAsync_twice_returns_the_stored_agent_unchanged()
    {
        var first = await CreateAgentAsync(stage: Stage.Shadow, at: T0);
        var again = await Store.EnsureAgentAsync(
            Agent(stage: Stage.ApproveEach, at: T0.AddDays(1)) with { UseCaseId = "other" },
            Initial(stage: Stage.ApproveEach, at: T0.AddDays(1)));

        Assert.Equal(first, again);
        Assert.Equal("uc-" + AgentId, again.UseCaseId);
        Assert.Equal(Stage.Shadow, again.Stage);
        Assert.Equal(first, await Store.GetAgentAsync(AgentId));
        var history = await Store.GetStageHistoryAsync(AgentId);
        Assert.Equal(StageChangeKind.Initial, Assert.Single(history).Kind);
    }

    [Fact]
    public async Task GetAgentsAsync_lists_agents_by_id()
    {
        await CreateAgentAsync("press-2");
        await CreateAgentAsync("line3-quality");
        await CreateAgentAsync("oven-1");

        var agents = await Store.GetAgentsAsync();

        Assert.Equal(["line3-quality", "oven-1", "press-2"], agents.Select(a => a.AgentId));
        Assert.Null(await Store.GetAgentAsync("nobody"));
    }

    [Fact]
    public async Task EnsureAgentAsync_with_an_initial_change_for_another_agent_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.EnsureAgentAsync(Agent(), Initial("other-agent")));

        Assert.Contains("other-agent", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.GetAgentsAsync());
    }
}
