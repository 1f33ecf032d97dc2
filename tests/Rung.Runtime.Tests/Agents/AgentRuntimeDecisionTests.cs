using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Storage.Journal;
using static Rung.Runtime.Tests.Agents.RuntimeFixture;

namespace Rung.Runtime.Tests.Agents;

public sealed class AgentRuntimeDecisionTests
{
    [Fact]
    public async Task DecideAsync_Shadow_LogsAndDeliversNothing()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.Shadow);
        var decided = await agent.DecideAsync([Case("p1", answer: 0)]);
        Assert.Equal(Disposition.Logged, decided[0].Record.Decision.Disposition);
        Assert.Equal(AppendResult.Stored, decided[0].Result);
        Assert.NotNull(await f.Store.GetDecisionAsync("p1"));
        Assert.Empty(f.DeliveredLines());
    }

    [Fact]
    public async Task DecideAsync_AutoConfident_CommitsAndDeliversOnceAfterJournalling()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        var decided = await agent.DecideAsync([Case("p1", answer: 0), Case("p2", answer: 1)]);
        Assert.All(decided, d => Assert.Equal(Disposition.Committed, d.Record.Decision.Disposition));
        var lines = f.DeliveredLines();
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"case_id\":\"p1\"", lines[0], StringComparison.Ordinal);
        Assert.Empty(await f.Store.GetUndeliveredActionsAsync(agent.AgentId, 10));
    }

    [Fact]
    public async Task DecideAsync_SameCaseTwice_IsDecidedAndDeliveredOnce()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        await agent.DecideAsync([Case("p1", answer: 0)]);
        var again = await agent.DecideAsync([Case("p1", answer: 1)]);
        Assert.Equal(AppendResult.Duplicate, again[0].Result);
        Assert.Single(f.DeliveredLines());
        Assert.Equal("accept", (await f.Store.GetDecisionAsync("p1"))!.Proposal.Action.Name);
    }

    [Fact]
    public async Task DecideAsync_AutoLowConfidence_GoesToTheQueueWithABusinessHoursDueTime()
    {
        await using var f = new RuntimeFixture();
        // Friday 2026-03-06 12:00 Berlin (11:00Z): two working hours left, so a 4 h SLA runs out Monday 08:00 Berlin.
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 6, 11, 0, 0, TimeSpan.Zero));
        var agent = await f.StartAsync();
        var decided = await agent.DecideAsync([Case("p1", answer: 0, confidence: 0.5)]);
        var record = decided[0].Record;
        Assert.Equal(Disposition.Excepted, record.Decision.Disposition);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero), record.Exception!.DueAt);
        Assert.Single(await f.Store.GetOpenExceptionsAsync(agent.AgentId, 10));
        Assert.Empty(f.DeliveredLines());
    }

    [Theory]
    [InlineData(0, 1.0, "forbidden-target:acme/+/+/+/safety/#")]
    [InlineData(4, 0.0, "range:adjust_feed")]
    public async Task DecideAsync_GuardRefusal_IsBlockedOnEveryStageWithItsRule(double answer, double targetOrValue, string rule)
    {
        foreach (var stage in new[] { Stage.Shadow, Stage.ApproveEach, Stage.AutoWithExceptions, Stage.ProductionOwned })
        {
            await using var f = new RuntimeFixture();
            var agent = await f.StartAsync(stage);
            var input = answer == 0 ? Case("p1", answer, target: targetOrValue) : Case("p1", answer, value: 50);
            var record = (await agent.DecideAsync([input]))[0].Record;
            Assert.Equal(Disposition.Blocked, record.Decision.Disposition);
            Assert.Equal(rule, record.Decision.BlockedBy);
            Assert.Empty(f.DeliveredLines());
        }
    }

    [Fact]
    public async Task DecideAsync_RateLimit_BlocksTheThirdScrapInAnHour()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        var decided = await agent.DecideAsync([Case("p1", 1), Case("p2", 1), Case("p3", 1)]);
        Assert.Equal([Disposition.Committed, Disposition.Committed, Disposition.Blocked], decided.Select(d => d.Record.Decision.Disposition));
        Assert.Equal("rate-limit:scrap", decided[2].Record.Decision.BlockedBy);
    }

    [Fact]
    public async Task DecideAsync_ModelFails_UsesTheSafeDefaultAndRoutesToAPerson()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        var record = (await agent.DecideAsync([Case("p1", 0, fail: 1)]))[0].Record;
        Assert.Equal("hold_for_inspection", record.Proposal.Action.Name);
        Assert.Equal(0, record.Proposal.Confidence);
        Assert.Equal(Disposition.Excepted, record.Decision.Disposition);
        Assert.StartsWith("model Timeout: no answer within 2 s", record.Decision.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_RequiredInputMissingOrImplausible_IsNeverCommitted()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.ProductionOwned);
        var missing = Case("p1", 0) with { Values = new Dictionary<string, double?> { ["confidence"] = 0.99 } };
        var implausible = Case("p2", 0) with { Values = new Dictionary<string, double?> { ["answer"] = double.NaN } };
        var decided = await agent.DecideAsync([missing, implausible]);
        Assert.All(decided, d => Assert.Equal(Disposition.Excepted, d.Record.Decision.Disposition));
        Assert.Contains("data quality: answer missing", decided[0].Record.Decision.Reasons);
        Assert.Contains("data quality: answer not a finite number", decided[1].Record.Decision.Reasons);
        Assert.Equal([new Core.Cases.QualityFlag("answer", "missing")], decided[0].Record.Case.Features.Flags);
    }

    [Fact]
    public async Task DecideAsync_HighSeverityActionOrOutOfDistribution_IsExcepted()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.ProductionOwned);
        var decided = await agent.DecideAsync([Case("p1", 2), Case("p2", 0, ood: 1)]);
        Assert.All(decided, d => Assert.Equal(Disposition.Excepted, d.Record.Decision.Disposition));
        Assert.Contains("inputs out of distribution", decided[1].Record.Decision.Reasons);
    }
}
