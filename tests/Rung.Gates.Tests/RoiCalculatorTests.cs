using Rung.Core.UseCases;
using Rung.Gates.Economics;
using Rung.Gates.Evaluation;
using static Rung.Gates.Tests.Fixture;

namespace Rung.Gates.Tests;

public sealed class RoiCalculatorTests
{
    [Fact]
    public void Calculate_HandComputedCase_ShowsEachStep()
    {
        // 2800 cases over 28 days = 100/day = 3000/month; 95 of 100 labelled correct; value 3 EUR: 8550 EUR.
        // Costs: compute 100 + model 3000 x 0.01 = 30 + monitoring 50 + exceptions 280/28 x 30 = 300 x 6/60 x 60 = 1800
        // + maintenance 2 x 60 = 120 = 2100. Return 8550 / 2100 = 4.071x.
        var roi = RoiCalculator.Calculate(UseCase().Business, cases: 2800, labelled: 100, correct: 95, excepted: 280, days: 28);
        Assert.Equal(3000, roi.MonthlyCases, 9);
        Assert.Equal(8550, roi.MonthlyValue, 9);
        Assert.Equal([100, 30, 50, 1800, 120], roi.Lines.Select(l => Math.Round(l.Monthly, 9)));
        Assert.Equal(2100, roi.MonthlyCost, 9);
        Assert.Equal(8550.0 / 2100.0, roi.Return!.Value, 12);
        Assert.False(roi.AllBudgeted);
        Assert.Contains(roi.Steps, s => s.Contains("= 1800 EUR/month (budget 1000)", StringComparison.Ordinal));
        Assert.Contains("return: 8550 / 2100 = 4.071x", roi.Steps[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Economics_ReturnExactlyThree_Passes_JustUnder_Fails()
    {
        // 12 a day for 28 days, all correct: 360 cases/month x 3 EUR = 1080 EUR value. Return exactly 3 needs a
        // cost of 360: compute 100 + model 360 x 0.01 = 3.6 + monitoring 256.4, no exceptions, no maintenance.
        var business = UseCase().Business with
        {
            RunCosts = UseCase().Business.RunCosts! with { MonitoringMonthly = 256.4, MaintenanceHoursPerMonth = 0, Budgets = Budgets(monitoring: 300) },
        };
        var useCase = UseCase() with { Business = business };
        var report = GateEvaluator.Evaluate(useCase, PassingProduction());
        Assert.Equal(3.0, report.Economics.Return!.Value, 9);
        Assert.True(Criterion(report, "production.economics").Passed, Criterion(report, "production.economics").Summary);

        var dearer = useCase with { Business = business with { RunCosts = business.RunCosts! with { MonitoringMonthly = 256.5 } } };
        var failed = Criterion(GateEvaluator.Evaluate(dearer, PassingProduction()), "production.economics");
        Assert.False(failed.Passed);
        Assert.Equal(Core.Ladder.Stage.AutoWithExceptions, failed.ReturnTo);
    }

    private static Dictionary<string, double> Budgets(double monitoring) => new()
    {
        [RunCostLines.ModelUsage] = 100, [RunCostLines.Monitoring] = monitoring, [RunCostLines.ExceptionHandling] = 1000, [RunCostLines.Maintenance] = 200,
    };

    [Fact]
    public void Economics_LineWithoutBudget_Fails()
    {
        var run = UseCase().Business.RunCosts!;
        var budgets = run.Budgets.Where(b => b.Key != RunCostLines.Maintenance).ToDictionary(b => b.Key, b => b.Value);
        var useCase = UseCase() with { Business = UseCase().Business with { RunCosts = run with { Budgets = budgets } } };
        var result = Criterion(GateEvaluator.Evaluate(useCase, PassingProduction()), "production.economics");
        Assert.False(result.Passed);
        Assert.Contains("no budget for maintenance", result.Summary, StringComparison.Ordinal);
    }
}
