using Rung.Core.Approvals;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using Rung.Runtime.Agents;
using Rung.Storage;
using static Rung.Runtime.Tests.Agents.RuntimeFixture;

namespace Rung.Runtime.Tests.Agents;

public sealed class AgentRuntimeOutcomeTests
{
    private static Outcome Qc(string caseId, string action, int minute) =>
        new(caseId, OutcomeSource.QualityResult, action, new DateTimeOffset(2026, 3, 2, 8, minute, 0, TimeSpan.Zero), "qc.lab");

    [Fact]
    public async Task RecordOutcomes_HighSeverityErrorOnAutoCommit_DemotesToApproveEachOnceWithEvidence()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.ProductionOwned);
        await agent.DecideAsync([Case("p1", 0), Case("p2", 0)]);
        f.Clock.Advance(TimeSpan.FromHours(1));
        var results = await agent.RecordOutcomesAsync([Qc("p1", "stop_line", 1), Qc("p2", "stop_line", 2)]);

        var demotion = Assert.Single(results, r => r.Demotion is not null).Demotion!;
        Assert.Equal(Stage.ApproveEach, demotion.To);
        Assert.Equal(nameof(Rung.Core.Slo.SloBreachKind.HighSeverityError), demotion.Evidence["breach"]);
        Assert.Equal("p1", demotion.Evidence["first_case"]);
        Assert.Equal(Severity.High, results[0].Judgement.ErrorSeverity);
        // The second error concerns a case decided before the demotion: recorded, not counted again.
        Assert.False(results[1].CountedInSlo);
        Assert.Equal(Stage.ApproveEach, agent.Stage);
        var history = await f.Store.GetStageHistoryAsync(agent.AgentId);
        Assert.Single(history, h => h.Kind == StageChangeKind.Demotion);
        Assert.Equal(Stage.ApproveEach, (await f.Store.GetAgentAsync(agent.AgentId))!.Stage);
    }

    [Fact]
    public async Task RecordOutcomes_AccuracyUnderAlertLineOverFullWindow_DemotesProductionOwnedOneRung()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.ProductionOwned);
        var cases = Enumerable.Range(0, 10).Select(i => Case($"p{i}", 0)).ToList();
        await agent.DecideAsync(cases);
        // Window of 10 with 8 right: 80 % is under the 90 % alert line, but only once the window is full.
        var outcomes = Enumerable.Range(0, 10).Select(i => Qc($"p{i}", i < 2 ? "scrap" : "accept", i)).ToList();
        var results = await agent.RecordOutcomesAsync(outcomes);
        Assert.All(results.Take(9), r => Assert.Null(r.Demotion));
        Assert.Equal(Stage.AutoWithExceptions, results[9].Demotion!.To);
        Assert.Equal("0.8000", results[9].Demotion!.Evidence["rolling_accuracy"]);
    }

    [Fact]
    public async Task RecordOutcomes_LabelsThatDoNotMeasureTheStage_AreStoredButNotCounted()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.AutoWithExceptions);
        await agent.DecideAsync([Case("p1", 0, confidence: 0.2), Case("p2", 0)]);
        // p1 went to people: its label says nothing about what the agent commits. p2's operator note is not its QC result.
        var results = await agent.RecordOutcomesAsync([
            new Outcome("p1", OutcomeSource.QualityResult, "scrap", f.Clock.GetUtcNow(), "qc.lab"),
            new Outcome("p2", OutcomeSource.HumanAction, "scrap", f.Clock.GetUtcNow(), "op"),
        ]);
        Assert.All(results, r => Assert.True(r.Stored));
        Assert.All(results, r => Assert.False(r.CountedInSlo));
        Assert.Equal(0, agent.Slo.Labelled);
    }

    [Fact]
    public async Task RecordOutcomes_UnknownCase_StoresNothingOfTheBatch()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        await agent.DecideAsync([Case("p1", 0)]);
        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => agent.RecordOutcomesAsync([Qc("p1", "accept", 1), Qc("ghost", "accept", 2)]));
        Assert.Contains("ghost", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await f.Store.GetRecentJudgementsAsync(agent.AgentId, 10, null));
    }

    [Fact]
    public async Task Approve_ApprovedDraftIsDeliveredRejectedIsNotAndBothAreLabels()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.ApproveEach);
        await agent.DecideAsync([Case("p1", 0), Case("p2", 1)]);
        var at = f.Clock.GetUtcNow().AddMinutes(30);
        var first = await agent.ApproveAsync([
            new Approval("p1", "line3.approver", Verdict.Approved, at),
            new Approval("p2", "line3.approver", Verdict.Rejected, at, "surface looks fine", "accept"),
        ]);
        Assert.Equal([true, true], first);
        Assert.Single(f.DeliveredLines());
        Assert.Contains("\"case_id\":\"p1\"", f.DeliveredLines()[0], StringComparison.Ordinal);
        Assert.Equal(2, agent.Slo.Labelled);
        Assert.Equal(1, agent.Slo.Correct);

        var again = await agent.ApproveAsync([new Approval("p1", "someone.else", Verdict.Approved, at)]);
        Assert.Equal([false], again);
        Assert.Single(f.DeliveredLines());
    }

    [Fact]
    public async Task ResolveExceptions_DecisionBecomesTheLabelAndClosesTheItem()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync();
        await agent.DecideAsync([Case("p1", 0, confidence: 0.3)]);
        var at = f.Clock.GetUtcNow().AddHours(1);
        Assert.Equal([true], await agent.ResolveExceptionsAsync([new ExceptionResolution("p1", "line3.operator", "scrap", at)]));
        Assert.Equal([false], await agent.ResolveExceptionsAsync([new ExceptionResolution("p1", "line3.operator", "scrap", at)]));
        Assert.Empty(await f.Store.GetOpenExceptionsAsync(agent.AgentId, 10));
        var judgement = Assert.Single(await f.Store.GetRecentJudgementsAsync(agent.AgentId, 10, null));
        Assert.False(judgement.Correct);
    }

    [Fact]
    public async Task Promote_NotReady_NamesWhatIsMissing_ThenReadyPromotesWithEvidence()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartAsync(Stage.Shadow);
        await agent.DecideAsync([Case("p1", 0), Case("p2", 0), Case("p3", 0)]);
        var notReady = await Assert.ThrowsAsync<InvalidOperationException>(() => agent.PromoteAsync("line3.lead", "try"));
        Assert.Contains("0 of 3 labelled cases", notReady.Message, StringComparison.Ordinal);

        var at = f.Clock.GetUtcNow();
        await agent.RecordOutcomesAsync([.. new[] { "p1", "p2", "p3" }.Select(id => new Outcome(id, OutcomeSource.HumanAction, "accept", at, "op"))]);
        f.Clock.Advance(TimeSpan.FromDays(1));
        var change = await agent.PromoteAsync("line3.lead", "criteria met");
        Assert.Equal(Stage.ApproveEach, change.To);
        Assert.Equal("3", change.Evidence["labelled"]);
        Assert.Equal(Stage.ApproveEach, agent.Stage);
        Assert.Equal(0, agent.Slo.Labelled);
    }
}
