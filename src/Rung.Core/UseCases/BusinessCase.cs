namespace Rung.Core.UseCases;

/// <summary>Why the use case exists and what it is worth.</summary>
/// <param name="Kpi">The number the business watches, for example "scrap rate".</param>
/// <param name="Unit">The KPI's unit, for example "%".</param>
/// <param name="Baseline">The KPI before the agent.</param>
/// <param name="Target">The KPI the agent must reach.</param>
/// <param name="Owner">The named operations owner who is paged and who signs promotions.</param>
/// <param name="ValuePerCase">Money saved or earned per case decided correctly by the agent, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Costs">Run-cost lines per month.</param>
public sealed record BusinessCase(
    string Kpi,
    string Unit,
    double Baseline,
    double Target,
    string Owner,
    double ValuePerCase,
    string Currency,
    IReadOnlyList<CostLine> Costs);

/// <summary>One budgeted run-cost line, per month.</summary>
public sealed record CostLine(string Name, double MonthlyAmount);
