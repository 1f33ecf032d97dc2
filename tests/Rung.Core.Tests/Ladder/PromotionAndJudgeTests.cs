using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using Rung.Core.UseCases;

namespace Rung.Core.Tests.Ladder;

public sealed class PromotionAndJudgeTests
{
    private static readonly PromotionCriteria[] Criteria = [new(Stage.Shadow, 14, 500, 0.92)];

    [Fact]
    public void Evaluate_AllCriteriaMet_IsReady()
    {
        var check = PromotionReadiness.Evaluate(Criteria, new StageEvidence(Stage.Shadow, TestData.T0, 600, 560), TestData.T0.AddDays(14));
        Assert.True(check.Ready);
        Assert.Empty(check.Unmet);
    }

    [Fact]
    public void Evaluate_EachShortfall_IsNamed()
    {
        var check = PromotionReadiness.Evaluate(Criteria, new StageEvidence(Stage.Shadow, TestData.T0, 400, 360), TestData.T0.AddDays(10));
        Assert.False(check.Ready);
        Assert.Equal(["10.0 of 14 days on Shadow", "400 of 500 labelled cases", "accuracy 90.0% under 92.0%"], check.Unmet);
    }

    [Fact]
    public void Evaluate_TopRungOrMissingCriteria_IsNotReady()
    {
        Assert.False(PromotionReadiness.Evaluate(Criteria, new StageEvidence(Stage.ProductionOwned, TestData.T0, 1, 1), TestData.T0).Ready);
        Assert.Contains("no promotion criteria", PromotionReadiness.Evaluate(Criteria, new StageEvidence(Stage.ApproveEach, TestData.T0, 1, 1), TestData.T0).Unmet[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UsesTheFirstMatchingSeverityRule()
    {
        var judge = new OutcomeJudge([new ErrorSeverityRule("accept", "stop_line", Severity.High), new ErrorSeverityRule("*", "accept", Severity.Low)]);
        var at = TestData.T0;
        Assert.Equal(Severity.High, judge.Judge("accept", new Outcome("c1", OutcomeSource.QualityResult, "stop_line", at, "qc")).ErrorSeverity);
        Assert.Equal(Severity.Low, judge.Judge("scrap", new Outcome("c2", OutcomeSource.QualityResult, "accept", at, "qc")).ErrorSeverity);
        Assert.Equal(Severity.Medium, judge.Judge("accept", new Outcome("c3", OutcomeSource.QualityResult, "scrap", at, "qc")).ErrorSeverity);
        var right = judge.Judge("scrap", new Outcome("c4", OutcomeSource.HumanAction, "scrap", at, "op"));
        Assert.True(right.Correct);
        Assert.Null(right.ErrorSeverity);
    }
}
