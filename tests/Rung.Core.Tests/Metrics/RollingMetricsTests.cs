using Rung.Core.Metrics;
using Rung.Core.Proposals;

namespace Rung.Core.Tests.Metrics;

public sealed class RollingMetricsTests
{
    [Fact]
    public void RollingRate_PastTheWindow_CountsOnlyTheLastN()
    {
        var rate = new RollingRate(4);
        Assert.Null(rate.Rate);
        foreach (var hit in new[] { true, true, true, true, false, false })
        {
            rate.Add(hit);
        }

        Assert.True(rate.IsFull);
        Assert.Equal(2, rate.Hits);
        Assert.Equal(0.5, rate.Rate);
    }

    [Fact]
    public void RollingAccuracy_PerClassAndSeverity_KeepsSeparateWindows()
    {
        var accuracy = new RollingAccuracy(window: 3);
        accuracy.Add("release", Severity.Low, true);
        accuracy.Add("release", Severity.Low, true);
        accuracy.Add("hold", Severity.High, false);
        accuracy.Add("release", Severity.Low, false);
        accuracy.Add("release", Severity.Low, false);

        // Overall: last 3 = [hold ✗, release ✗, release ✗].
        Assert.Equal(0, accuracy.Overall.Rate);
        // Release: its last 3 = [✓, ✗, ✗].
        Assert.Equal(1.0 / 3, accuracy.ByClass["release"].Rate!.Value, 12);
        Assert.Equal(0, accuracy.ByClass["hold"].Rate);
        Assert.Equal(0, accuracy.BySeverity(Severity.High).Rate);
        Assert.Equal(1.0 / 3, accuracy.BySeverity(Severity.Low).Rate!.Value, 12);
        Assert.Null(accuracy.BySeverity(Severity.Medium).Rate);
    }

    [Fact]
    public void RollingAccuracy_TooManyClasses_PoolsTheRest()
    {
        var accuracy = new RollingAccuracy(window: 5, maxClasses: 2);
        accuracy.Add("a", Severity.Low, true);
        accuracy.Add("b", Severity.Low, true);
        accuracy.Add("c", Severity.Low, false);
        accuracy.Add("d", Severity.Low, true);
        Assert.Equal([RollingAccuracy.OtherClass, "a", "b"], accuracy.ByClass.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, accuracy.ByClass[RollingAccuracy.OtherClass].Count);
    }

    [Fact]
    public void RollingApprovals_LastNVerdicts_GiveApproveRateAndReasons()
    {
        var approvals = new RollingApprovals(window: 4);
        approvals.Reject("wrong grade");
        approvals.Approve();
        approvals.Reject("wrong grade");
        approvals.Reject(null);
        approvals.Approve();

        // Window: [approve, wrong grade, (none), approve]; the first rejection has left.
        Assert.Equal(0.5, approvals.ApproveRate);
        Assert.Equal(1, approvals.RejectionReasons["wrong grade"]);
        Assert.Equal(1, approvals.RejectionReasons[RollingApprovals.UnstatedReason]);
        approvals.Approve();
        approvals.Approve();
        Assert.False(approvals.RejectionReasons.ContainsKey("wrong grade"));
    }

    [Fact]
    public void ThroughputCounter_SlidingHour_CountsOnlyTheWindow()
    {
        var start = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var counter = new ThroughputCounter(TimeSpan.FromMinutes(10));
        for (var minute = 0; minute < 15; minute++)
        {
            counter.Add(start.AddMinutes(minute).AddSeconds(30), count: minute);
        }

        // At 08:14:59 the window holds minutes 5..14: 5 + 6 + ... + 14 = 95.
        var now = start.AddMinutes(14).AddSeconds(59);
        Assert.Equal(95, counter.Total(now));
        Assert.Equal(9.5, counter.PerMinute(now));
        Assert.Equal([5L, 6, 7, 8, 9, 10, 11, 12, 13, 14], counter.Series(now));
        // Twenty minutes later nothing is left.
        Assert.Equal(0, counter.Total(now.AddMinutes(20)));
        // An event older than the window is ignored.
        counter.Add(start, 1000);
        Assert.Equal(95, counter.Total(now));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThroughputCounter(TimeSpan.FromSeconds(90)));
    }
}
