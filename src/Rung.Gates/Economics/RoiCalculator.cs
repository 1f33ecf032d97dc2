using System.Globalization;
using Rung.Core.Policy;
using Rung.Core.UseCases;
using Rung.Storage.Gates;

namespace Rung.Gates.Economics;

/// <summary>
/// Computes a use case's return at measured steady-state volume. A month is 30 days. Value is what correct
/// decisions earn (monthly cases x accuracy x value per case); cost is the declared fixed lines plus the run-cost
/// model's lines: model usage (monthly cases x cost per case), monitoring, exception-handling labour (monthly
/// exceptions x minutes / 60 x hourly rate) and maintenance (hours x hourly rate).
/// </summary>
public static class RoiCalculator
{
    /// <summary>Days in a month, for every monthly figure.</summary>
    public const double DaysPerMonth = 30;

    /// <summary>Computes the return from the cases of the last <paramref name="days"/> days.</summary>
    /// <param name="business">The business case.</param>
    /// <param name="cases">The cases decided in the measured days (only those are passed in).</param>
    /// <param name="days">The measured days; at least 1.</param>
    public static RoiCalculation Calculate(BusinessCase business, IReadOnlyList<CaseEvidence> cases, int days)
    {
        ArgumentNullException.ThrowIfNull(business);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var labelled = cases.Count(c => c.Correct is not null);
        var correct = cases.Count(c => c.Correct == true);
        var excepted = cases.Count(c => c.Disposition == Disposition.Excepted);
        return Calculate(business, cases.Count, labelled, correct, excepted, days);
    }

    /// <summary>Computes the return from counts: the arithmetic alone, for checking by hand.</summary>
    public static RoiCalculation Calculate(BusinessCase business, int cases, int labelled, int correct, int excepted, int days)
    {
        ArgumentNullException.ThrowIfNull(business);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var c = business.Currency;
        var steps = new List<string>();
        var perDay = (double)cases / days;
        var monthly = perDay * DaysPerMonth;
        steps.Add(F($"volume: {cases} cases / {days} days = {perDay:0.##} cases/day; x {DaysPerMonth} days = {monthly:0.##} cases/month"));
        if (business.DecisionsPerDay is { } planned)
        {
            steps.Add(F($"planned decision frequency: {planned:0.##} cases/day (measured {perDay:0.##})"));
        }

        var accuracy = labelled == 0 ? 0 : (double)correct / labelled;
        steps.Add(F($"accuracy: {correct} correct / {labelled} labelled = {accuracy:0.####}"));
        var value = monthly * accuracy * business.ValuePerCase;
        steps.Add(F($"value: {monthly:0.##} cases x {accuracy:0.####} x {business.ValuePerCase:0.####} {c} = {value:0.##} {c}/month"));

        var lines = new List<CostLineResult>();
        foreach (var fixedLine in business.Costs)
        {
            lines.Add(new CostLineResult(fixedLine.Name, fixedLine.MonthlyAmount, fixedLine.MonthlyAmount, "declared monthly amount"));
        }

        if (business.RunCosts is { } run)
        {
            var exceptionsPerMonth = (double)excepted / days * DaysPerMonth;
            lines.Add(Line(run, RunCostLines.ModelUsage, monthly * run.ModelCostPerCase, F($"{monthly:0.##} cases x {run.ModelCostPerCase:0.####} {c}")));
            lines.Add(Line(run, RunCostLines.Monitoring, run.MonitoringMonthly, "declared monthly amount"));
            lines.Add(Line(run, RunCostLines.ExceptionHandling, exceptionsPerMonth * run.ExceptionMinutes / 60 * run.HourlyRate, F($"{excepted} exceptions / {days} days x {DaysPerMonth} = {exceptionsPerMonth:0.##} exceptions x {run.ExceptionMinutes:0.##} min / 60 x {run.HourlyRate:0.##} {c}/h")));
            lines.Add(Line(run, RunCostLines.Maintenance, run.MaintenanceHoursPerMonth * run.HourlyRate, F($"{run.MaintenanceHoursPerMonth:0.##} h x {run.HourlyRate:0.##} {c}/h")));
        }

        foreach (var line in lines)
        {
            var budget = line.Budget is { } b ? F($"budget {b:0.##}") : "NO BUDGET";
            steps.Add(F($"cost {line.Name}: {line.Basis} = {line.Monthly:0.##} {c}/month ({budget})"));
        }

        var cost = lines.Sum(l => l.Monthly);
        steps.Add(F($"cost: {string.Join(" + ", lines.Select(l => l.Monthly.ToString("0.##", CultureInfo.InvariantCulture)))} = {cost:0.##} {c}/month"));
        double? ratio = cost > 0 ? value / cost : null;
        steps.Add(ratio is { } r ? F($"return: {value:0.##} / {cost:0.##} = {r:0.###}x") : "return: no run cost is declared, so no return can be computed");
        return new RoiCalculation(c, days, cases, monthly, business.DecisionsPerDay, accuracy, value, lines, cost, ratio, steps);
    }

    private static CostLineResult Line(RunCostModel run, string name, double monthly, string basis) =>
        new(name, monthly, run.Budgets.TryGetValue(name, out var budget) ? budget : null, basis);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
