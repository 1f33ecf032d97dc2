using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Runtime.Connectors;
using Rung.Storage.Journal;
using static Rung.Runtime.Tests.Agents.RuntimeFixture;

namespace Rung.Runtime.Tests.Agents;

public sealed class AgentRuntimeRestartTests
{
    [Fact]
    public async Task Start_AfterRestart_KeepsStageRateLimitsAndSloWindow()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.ProductionOwned);
        await agent.DecideAsync([Case("s1", 1), Case("s2", 1)]);
        var cases = Enumerable.Range(0, 10).Select(i => Case($"p{i}", 0)).ToList();
        await agent.DecideAsync(cases);
        var at = f.Clock.GetUtcNow();
        await agent.RecordOutcomesAsync([.. Enumerable.Range(0, 9).Select(i => new Outcome($"p{i}", OutcomeSource.QualityResult, i == 0 ? "scrap" : "accept", at.AddMinutes(i), "qc"))]);

        // A new process on the same journal: the SLO window, the rate-limit ledger and the stage come back.
        var restarted = await f.StartAsync(Stage.Shadow);
        Assert.Equal(Stage.ProductionOwned, restarted.Stage);
        Assert.Equal(9, restarted.Slo.Labelled);
        Assert.Equal(8, restarted.Slo.Correct);
        Assert.Equal(Disposition.Blocked, (await restarted.DecideAsync([Case("s3", 1)]))[0].Record.Decision.Disposition);

        // One more wrong label fills the window at 80 %: the breach is found after the restart too.
        var result = await restarted.RecordOutcomesAsync([new Outcome("p9", OutcomeSource.QualityResult, "scrap", at.AddMinutes(9), "qc")]);
        Assert.Equal(Stage.AutoWithExceptions, result[0].Demotion!.To);
    }

    [Fact]
    public async Task Start_ActionJournalledButNotDelivered_IsDeliveredExactlyOnceOnRestart()
    {
        await using var f = new RuntimeFixture();
        var failing = new UnreachableTarget();
        var agent = await f.StartAsync(Stage.AutoWithExceptions, failing);
        await Assert.ThrowsAsync<IOException>(() => agent.DecideAsync([Case("p1", 0), Case("p2", 1)]));
        Assert.Equal(2, (await f.Store.GetUndeliveredActionsAsync(agent.AgentId, 10)).Count);
        Assert.Empty(f.DeliveredLines());

        await f.StartAsync();
        Assert.Equal(2, f.DeliveredLines().Length);
        Assert.Empty(await f.Store.GetUndeliveredActionsAsync("line3-quality", 10));

        var again = await f.StartAsync();
        Assert.Equal(2, f.DeliveredLines().Length);
        Assert.Equal(AppendResult.Duplicate, (await again.DecideAsync([Case("p1", 0)]))[0].Result);
        Assert.Equal(2, f.DeliveredLines().Length);
    }

    /// <summary>The target system is down: every delivery fails.</summary>
    private sealed class UnreachableTarget : IActionConnector
    {
        public ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("connection refused by the target system"));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
