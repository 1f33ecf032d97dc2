namespace Rung.Gates.Economics;

/// <summary>The return at measured steady-state volume, with every step of the arithmetic.</summary>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="MeasuredDays">The days the volume was measured over.</param>
/// <param name="Cases">Cases decided in them.</param>
/// <param name="MonthlyCases">Cases per 30-day month at that volume.</param>
/// <param name="PlannedCasesPerDay">The decision frequency the business case planned on, or null.</param>
/// <param name="Accuracy">Correct over labelled in the measured days.</param>
/// <param name="MonthlyValue">Monthly cases times accuracy times value per case.</param>
/// <param name="Lines">Each run-cost line with its budget.</param>
/// <param name="MonthlyCost">The sum of the lines.</param>
/// <param name="Return">Monthly value over monthly cost; null when the cost is zero.</param>
/// <param name="Steps">The arithmetic, one line per step, as a person would check it.</param>
public sealed record RoiCalculation(
    string Currency,
    int MeasuredDays,
    int Cases,
    double MonthlyCases,
    double? PlannedCasesPerDay,
    double Accuracy,
    double MonthlyValue,
    IReadOnlyList<CostLineResult> Lines,
    double MonthlyCost,
    double? Return,
    IReadOnlyList<string> Steps)
{
    /// <summary>True when every line has a budget and stays within it.</summary>
    public bool AllBudgeted => Lines.All(l => l.Budget is { } b && l.Monthly <= b + 1e-9);
}

/// <summary>One monthly run-cost line.</summary>
/// <param name="Name">The line.</param>
/// <param name="Monthly">Its measured or declared monthly amount.</param>
/// <param name="Budget">Its monthly budget, or null when none is set.</param>
/// <param name="Basis">How the amount was computed.</param>
public sealed record CostLineResult(string Name, double Monthly, double? Budget, string Basis);
