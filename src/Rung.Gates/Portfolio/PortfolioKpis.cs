namespace Rung.Gates.Portfolio;

/// <summary>Portfolio KPIs across use cases.</summary>
/// <param name="Agents">Agents counted.</param>
/// <param name="InProductionByQuarter">Agents that first reached ProductionOwned, per quarter (<c>2026-Q1</c>).</param>
/// <param name="MonitoredShare">Share of agents with active monitoring: an acknowledged test page or alarm in the last 30 days.</param>
/// <param name="MedianDaysToProduction">Median days from registration to first reaching ProductionOwned, or null when none did.</param>
/// <param name="TemplateReuse">Agents per template or contract named on the agent; empty when no agent names one.</param>
/// <param name="AdoptionByLine">Agents per line (the fourth segment of the ISA-95 scope).</param>
/// <param name="CasesByShift">Cases per shift over all agents.</param>
/// <param name="AlarmsLast30Days">Alarms raised in the last 30 days, per agent.</param>
/// <param name="PausedDays">Days spent Paused, per agent: downtime by a person's decision.</param>
public sealed record PortfolioKpis(
    int Agents,
    IReadOnlyDictionary<string, int> InProductionByQuarter,
    double MonitoredShare,
    double? MedianDaysToProduction,
    IReadOnlyDictionary<string, int> TemplateReuse,
    IReadOnlyDictionary<string, int> AdoptionByLine,
    IReadOnlyDictionary<string, int> CasesByShift,
    IReadOnlyDictionary<string, int> AlarmsLast30Days,
    IReadOnlyDictionary<string, double> PausedDays);
