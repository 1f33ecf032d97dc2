using Rung.Core.Cases;
using Rung.Core.Guards;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;

namespace Rung.Core.Tests.Policy;

public sealed class StagePolicyTests
{
    private static readonly PolicyThresholds Thresholds = new(MinConfidence: 0.9);
    private static readonly Stage[] Stages = [Stage.Shadow, Stage.ApproveEach, Stage.AutoWithExceptions, Stage.ProductionOwned, Stage.Paused];

    // The whole table: stage x confidence side x OOD x severity x guard x data quality.
    public static TheoryData<Stage, double, bool, Severity, bool, bool, Disposition> Table()
    {
        var data = new TheoryData<Stage, double, bool, Severity, bool, bool, Disposition>();
        foreach (var stage in Stages)
        {
            foreach (var confidence in new[] { 0.89, 0.9, 0.99 })
            {
                foreach (var ood in new[] { false, true })
                {
                    foreach (var severity in new[] { Severity.Low, Severity.Medium, Severity.High })
                    {
                        foreach (var allowed in new[] { true, false })
                        {
                            foreach (var clean in new[] { true, false })
                            {
                                data.Add(stage, confidence, ood, severity, allowed, clean, Expected(stage, confidence, ood, severity, allowed, clean));
                            }
                        }
                    }
                }
            }
        }

        return data;
    }

    // The table as the design states it, one line per stage.
    private static Disposition Expected(Stage stage, double confidence, bool ood, Severity severity, bool allowed, bool clean) =>
        !allowed ? Disposition.Blocked
        : stage is Stage.Shadow or Stage.Paused ? Disposition.Logged
        : stage is Stage.ApproveEach ? Disposition.PendingApproval
        : confidence >= 0.9 && !ood && severity != Severity.High && clean ? Disposition.Committed
        : Disposition.Excepted;

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide_FollowsTheTable(Stage stage, double confidence, bool ood, Severity severity, bool allowed, bool clean, Disposition expected)
    {
        var guard = allowed ? GuardVerdict.Allow : GuardVerdict.Block("range:scrap", "value outside range");
        var decision = StagePolicy.Decide(stage, Thresholds, TestData.Proposal(confidence: confidence, ood: ood, severity: severity), guard, clean ? TestData.Clean : TestData.Flagged);
        Assert.Equal(expected, decision.Disposition);
        if (expected == Disposition.Blocked)
        {
            Assert.Equal("range:scrap", decision.BlockedBy);
        }

        Assert.Equal(expected == Disposition.Excepted, decision.Reasons.Count > 0 && expected != Disposition.Blocked);
    }

    [Fact]
    public void Decide_ExceptedCase_ListsEveryReason()
    {
        var decision = StagePolicy.Decide(Stage.AutoWithExceptions, Thresholds, TestData.Proposal("stop_line", 0.5, true, Severity.High), GuardVerdict.Allow, TestData.Flagged);
        Assert.Equal(Disposition.Excepted, decision.Disposition);
        Assert.Collection(
            decision.Reasons,
            r => Assert.Equal("confidence 0.500 below 0.900", r),
            r => Assert.Equal("inputs out of distribution", r),
            r => Assert.Contains("high-severity action 'stop_line'", r, StringComparison.Ordinal),
            r => Assert.Equal("data quality: x missing", r));
    }

    [Fact]
    public void Decide_NaNConfidence_IsNeverCommitted()
    {
        var decision = StagePolicy.Decide(Stage.ProductionOwned, Thresholds, TestData.Proposal(confidence: double.NaN), GuardVerdict.Allow, TestData.Clean);
        Assert.Equal(Disposition.Excepted, decision.Disposition);
    }

    [Fact]
    public void Decide_RetiredAgent_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => StagePolicy.Decide(Stage.Retired, Thresholds, TestData.Proposal(), GuardVerdict.Allow, TestData.Clean));
    }
}
