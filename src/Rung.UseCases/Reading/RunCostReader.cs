using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>business.run_costs</c>: the variable run-cost model and a budget per line.</summary>
internal static class RunCostReader
{
    public static readonly string[] Keys = ["model_per_case", "monitoring_monthly", "exception_minutes", "hourly_rate", "maintenance_hours", "budgets"];

    public static RunCostModel? Read(MapReader? costs, Values values)
    {
        if (costs is null)
        {
            return null;
        }

        var budgets = new Dictionary<string, double>(StringComparer.Ordinal);
        var declared = values.Map(costs.Optional("budgets"), RunCostLines.All);
        foreach (var line in RunCostLines.All)
        {
            if (values.Number(declared?.Optional(line), min: 0) is { } budget)
            {
                budgets[line] = budget;
            }
        }

        return new RunCostModel(
            values.Number(costs.Optional("model_per_case"), min: 0) ?? 0,
            values.Number(costs.Optional("monitoring_monthly"), min: 0) ?? 0,
            values.Number(costs.Optional("exception_minutes"), min: 0, max: 24 * 60) ?? 0,
            values.Number(costs.Optional("hourly_rate"), min: 0) ?? 0,
            values.Number(costs.Optional("maintenance_hours"), min: 0, max: 24 * 31) ?? 0,
            budgets);
    }
}
