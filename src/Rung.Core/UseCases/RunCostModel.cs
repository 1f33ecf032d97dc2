namespace Rung.Core.UseCases;

/// <summary>
/// The variable run costs of a use case and the monthly budget of each line. A month is 30 days throughout
/// Rung's economics, so that every figure can be checked by hand.
/// </summary>
/// <param name="ModelCostPerCase">Model or API usage per case decided, in the business case's currency.</param>
/// <param name="MonitoringMonthly">Monitoring (dashboards, paging, hosting) per month.</param>
/// <param name="ExceptionMinutes">Handling time per exception-queue item, in minutes.</param>
/// <param name="HourlyRate">The loaded hourly rate of the people who handle exceptions and maintain the model.</param>
/// <param name="MaintenanceHoursPerMonth">Model and integration maintenance, hours per month.</param>
/// <param name="Budgets">Monthly budget per line, keyed by <see cref="RunCostLines"/> names; a line without a budget is not budgeted.</param>
public sealed record RunCostModel(
    double ModelCostPerCase,
    double MonitoringMonthly,
    double ExceptionMinutes,
    double HourlyRate,
    double MaintenanceHoursPerMonth,
    IReadOnlyDictionary<string, double> Budgets);
