using Rung.Core.Ladder;
using Rung.Core.Proposals;
using Rung.Core.Slo;

namespace Rung.Core.Tests.Slo;

public sealed class SloMonitorTests
{
    private static readonly Core.Slo.Slo Default = new();

    [Fact]
    public void Add_WindowNotYetFull_NeverBreachesOnAccuracy()
    {
        var monitor = new SloMonitor(Default);
        for (var i = 0; i < 99; i++)
        {
            Assert.Null(monitor.Add(TestData.Wrong(i)));
        }

        Assert.Equal(SloHealth.InsufficientData, monitor.Status.Health);
        Assert.False(monitor.Status.WindowFull);
    }

    [Fact]
    public void Add_ExactlyNCasesUnderTheAlertLine_BreachesOnTheNth()
    {
        var monitor = new SloMonitor(Default);
        for (var i = 0; i < 11; i++)
        {
            Assert.Null(monitor.Add(TestData.Wrong(i)));
        }

        for (var i = 11; i < 99; i++)
        {
            Assert.Null(monitor.Add(TestData.Right(i)));
        }

        var breach = monitor.Add(TestData.Right(99));
        Assert.NotNull(breach);
        Assert.Equal(SloBreachKind.AccuracyBelowAlertLine, breach.Kind);
        Assert.Equal(0.89, breach.Status.RollingAccuracy);
        Assert.Equal(100, breach.CaseIds.Count);
        Assert.Equal("c0", breach.CaseIds[0]);
        Assert.Equal("c99", breach.CaseIds[^1]);
    }

    [Fact]
    public void Add_AccuracyExactlyAtTheAlertLine_IsNotABreach()
    {
        var monitor = Fill(correct: 90, wrong: 10);
        Assert.Null(monitor.Breach);
        Assert.Equal(SloHealth.BelowFloor, monitor.Status.Health);
    }

    [Fact]
    public void Status_AccuracyExactlyAtTheFloor_IsHealthy()
    {
        var monitor = Fill(correct: 92, wrong: 8);
        Assert.Equal(0.92, monitor.Status.RollingAccuracy);
        Assert.Equal(SloHealth.Healthy, monitor.Status.Health);
    }

    [Fact]
    public void Add_WindowRolls_OldestJudgementLeaves()
    {
        var monitor = Fill(correct: 90, wrong: 10);
        // The oldest ten were the wrong ones; ten right answers push them all out.
        for (var i = 0; i < 10; i++)
        {
            monitor.Add(TestData.Right(1000 + i));
        }

        Assert.Equal(1.0, monitor.Status.RollingAccuracy);
        Assert.Equal(100, monitor.Status.Labelled);
    }

    [Fact]
    public void Add_BreachIsReportedOnceUntilReset()
    {
        var monitor = new SloMonitor(Default);
        Assert.NotNull(monitor.Add(TestData.Wrong(1, Severity.High)));
        Assert.Null(monitor.Add(TestData.Wrong(2, Severity.High)));
        Assert.NotNull(monitor.Breach);

        monitor.Reset();
        Assert.Null(monitor.Breach);
        Assert.Equal(0, monitor.Status.Labelled);
        Assert.NotNull(monitor.Add(TestData.Wrong(3, Severity.High)));
    }

    [Fact]
    public void Add_HighSeverityTolerance_IsHonoured()
    {
        var monitor = new SloMonitor(Default with { MaxHighSeverityErrors = 1 });
        Assert.Null(monitor.Add(TestData.Wrong(1, Severity.High)));
        var breach = monitor.Add(TestData.Wrong(2, Severity.High));
        Assert.NotNull(breach);
        Assert.Equal(SloBreachKind.HighSeverityError, breach.Kind);
        Assert.Equal(["c1", "c2"], breach.CaseIds);
    }

    [Fact]
    public void Demote_AccuracyBreachOnProductionOwned_GoesOneRungDownWithEvidence()
    {
        var monitor = Fill(correct: 80, wrong: 20);
        var change = DemotionRule.Demote("a1", Stage.ProductionOwned, monitor.Breach!, Default);
        Assert.NotNull(change);
        Assert.Equal(Stage.AutoWithExceptions, change.To);
        Assert.Equal(StageChangeKind.Demotion, change.Kind);
        Assert.Equal("system", change.Actor);
        Assert.Equal("0.8000", change.Evidence["rolling_accuracy"]);
        Assert.Equal("c0", change.Evidence["first_case"]);
    }

    [Theory]
    [InlineData(Stage.ProductionOwned, SloBreachKind.HighSeverityError, Stage.ApproveEach)]
    [InlineData(Stage.AutoWithExceptions, SloBreachKind.HighSeverityError, Stage.ApproveEach)]
    [InlineData(Stage.AutoWithExceptions, SloBreachKind.AccuracyBelowAlertLine, Stage.ApproveEach)]
    [InlineData(Stage.ProductionOwned, SloBreachKind.AccuracyBelowAlertLine, Stage.AutoWithExceptions)]
    [InlineData(Stage.ApproveEach, SloBreachKind.HighSeverityError, null)]
    [InlineData(Stage.Shadow, SloBreachKind.AccuracyBelowAlertLine, null)]
    [InlineData(Stage.Paused, SloBreachKind.HighSeverityError, null)]
    public void TargetFor_DemotesOnlyAutomaticStages(Stage current, SloBreachKind kind, Stage? expected)
    {
        Assert.Equal(expected, DemotionRule.TargetFor(current, kind));
    }

    private static SloMonitor Fill(int correct, int wrong)
    {
        var monitor = new SloMonitor(Default);
        var i = 0;
        for (; i < wrong; i++)
        {
            monitor.Add(TestData.Wrong(i));
        }

        for (; i < wrong + correct; i++)
        {
            monitor.Add(TestData.Right(i));
        }

        return monitor;
    }
}
