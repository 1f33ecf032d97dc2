using Rung.Core.Ladder;
using Rung.Core.Proposals;
using Rung.Gates.Evaluation;
using Rung.Storage.Gates;
using static Rung.Gates.Tests.Fixture;

namespace Rung.Gates.Tests;

public sealed class ProductionGateTests
{
    [Fact]
    public void Evaluate_AllFiveHold_Passes()
    {
        var report = GateEvaluator.Evaluate(UseCase(), PassingProduction());
        Assert.True(report.Passed, report.Headline);
        Assert.Equal(5, report.Criteria.Count);
        Assert.Equal(Stage.ProductionOwned, report.To);
        Assert.Null(report.ReturnTo);
    }

    [Fact]
    public void Accuracy_ExactlyThreeWeeksOnTheStage_Holds_OneTickShort_DoesNot()
    {
        var exactly = PassingProduction(days: 21) with { StageSince = Now - TimeSpan.FromDays(21), AutoSince = Now - TimeSpan.FromDays(21) };
        var report = GateEvaluator.Evaluate(UseCase(), exactly);
        Assert.True(Criterion(report, "production.accuracy").Passed, Criterion(report, "production.accuracy").Summary);
        Assert.Equal(3, Criterion(report, "production.accuracy").Weeks.Count);

        var shorter = exactly with { AutoSince = Now - TimeSpan.FromDays(21) + TimeSpan.FromTicks(1) };
        var failed = Criterion(GateEvaluator.Evaluate(UseCase(), shorter), "production.accuracy");
        Assert.False(failed.Passed);
        Assert.Equal(Stage.AutoWithExceptions, failed.ReturnTo);
        Assert.Contains("2 whole weeks", failed.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_OneCaseShortOfTheWeeklyVolume_Fails()
    {
        // 10 a day for 7 days is exactly the 70 a week required.
        var enough = PassingProduction(days: 21, perDay: 10);
        Assert.True(Criterion(GateEvaluator.Evaluate(UseCase(), enough), "production.accuracy").Passed);

        var cases = enough.Cases.ToList();
        var inFirstWeek = cases.First(c => c.OccurredAt >= Now - TimeSpan.FromDays(21));
        cases[cases.IndexOf(inFirstWeek)] = inFirstWeek with { Correct = null, CorrectAction = null, JudgedAt = null };
        var shortWeek = Criterion(GateEvaluator.Evaluate(UseCase(), enough with { Cases = cases }), "production.accuracy");
        Assert.False(shortWeek.Passed);
        Assert.Equal(69, shortWeek.Weeks[0].Labelled);
        Assert.False(shortWeek.Weeks[0].Holds);
        Assert.True(shortWeek.Weeks[1].Holds);
    }

    [Fact]
    public void Accuracy_AtTheFloorHolds_UnderItFails()
    {
        // 9 of 10 correct each day: exactly the 0.9 floor.
        var atFloor = PassingProduction(days: 21, perDay: 10) with { Cases = Daily(21, 10, 0.9) };
        Assert.True(Criterion(GateEvaluator.Evaluate(UseCase(), atFloor), "production.accuracy").Passed);
        var under = atFloor with { Cases = Daily(21, 10, 0.8) };
        Assert.False(Criterion(GateEvaluator.Evaluate(UseCase(), under), "production.accuracy").Passed);
    }

    [Fact]
    public void Integration_NoRestartRecorded_OrOneLostAction_Fails()
    {
        var noRestart = PassingProduction() with { ConnectorChecks = [] };
        Assert.False(Criterion(GateEvaluator.Evaluate(UseCase(), noRestart), "production.integration").Passed);

        var lost = PassingProduction() with { ConnectorChecks = [new ConnectorCheck("agent-1", Now.AddDays(-1), "restart", 10, 9, 1, 0, "one missing")] };
        var result = Criterion(GateEvaluator.Evaluate(UseCase(), lost), "production.integration");
        Assert.False(result.Passed);
        Assert.Contains("lost or duplicated", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Integration_WriteRateUnderRequired_Fails()
    {
        var evidence = PassingProduction();
        var cases = evidence.Cases.Select((c, i) => i % 50 == 0 ? c with { DeliveredAt = null } : c).ToList();
        var result = Criterion(GateEvaluator.Evaluate(UseCase(), evidence with { Cases = cases }), "production.integration");
        Assert.False(result.Passed);
        Assert.Contains("329 of 336 committed actions delivered", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Ownership_OneAcknowledgedDayShort_Fails_AndOnlyTheOwnerCounts()
    {
        Assert.False(Criterion(GateEvaluator.Evaluate(UseCase(), PassingProduction() with { Summaries = Acknowledged(4) }), "production.ownership").Passed);
        Assert.False(Criterion(GateEvaluator.Evaluate(UseCase(), PassingProduction() with { Summaries = Acknowledged(5, "someone.else") }), "production.ownership").Passed);
    }

    [Fact]
    public void FailureMode_HighSeverityWrongCommit_ReturnsToApproveEach()
    {
        var evidence = PassingProduction();
        var cases = evidence.Cases.ToList();
        cases[5] = Case(5, cases[5].OccurredAt, Stage.AutoWithExceptions, false, Severity.High);
        var report = GateEvaluator.Evaluate(UseCase(), evidence with { Cases = cases });
        var failure = Criterion(report, "production.failure_mode");
        Assert.False(failure.Passed);
        Assert.Equal(Stage.ApproveEach, failure.ReturnTo);
        Assert.Equal(Stage.ApproveEach, report.ReturnTo);
    }

    [Fact]
    public void FailureMode_CommittedActionUnlabelledPastTheCatchWindow_IsSilent()
    {
        var evidence = PassingProduction();
        var cases = evidence.Cases.ToList();
        cases[0] = cases[0] with { Correct = null, CorrectAction = null, JudgedAt = null };
        var failure = Criterion(GateEvaluator.Evaluate(UseCase(), evidence with { Cases = cases }), "production.failure_mode");
        Assert.False(failure.Passed);
        Assert.Contains("1 silent", failure.Summary, StringComparison.Ordinal);
    }
}
