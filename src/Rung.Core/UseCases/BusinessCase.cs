namespace Rung.Core.UseCases;

/// <summary>Why the use case exists and what it is worth.</summary>
/// <param name="Kpi">The number the business watches, for example "scrap rate".</param>
/// <param name="Unit">The KPI's unit, for example "%".</param>
/// <param name="Baseline">The KPI before the agent.</param>
/// <param name="Target">The KPI the agent must reach.</param>
/// <param name="Owner">The named operations owner who is paged and who signs promotions.</param>
/// <param name="ValuePerCase">Money saved or earned per case decided correctly by the agent, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Costs">Fixed run-cost lines per month; each is its own budget.</param>
/// <param name="DecisionsPerDay">The decision frequency the case was planned on (cases per day); null when not declared. The go/no-go gate uses the measured volume, and shows this beside it.</param>
/// <param name="KillCriteria">When the use case is stopped, in words a steering group can check; null when not set.</param>
/// <param name="ScaleCriteria">When the use case is rolled out further, in words; null when not set.</param>
/// <param name="RunCosts">The variable run-cost model (model usage, monitoring, exception labour, maintenance) and its budgets; null when not declared.</param>
public sealed record BusinessCase(
    string Kpi,
    string Unit,
    double Baseline,
    double Target,
    string Owner,
    double ValuePerCase,
    string Currency,
    IReadOnlyList<CostLine> Costs,
    double? DecisionsPerDay = null,
    string? KillCriteria = null,
    string? ScaleCriteria = null,
    RunCostModel? RunCosts = null);

/// <summary>One budgeted run-cost line, per month.</summary>
public sealed record CostLine(string Name, double MonthlyAmount);
