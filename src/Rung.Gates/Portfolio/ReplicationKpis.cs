namespace Rung.Gates.Portfolio;

/// <summary>The portfolio's reuse and time-to-production figures.</summary>
/// <param name="Agents">Agents counted.</param>
/// <param name="FromTemplate">Agents made from a template.</param>
/// <param name="Templates">Per template, its reuse.</param>
/// <param name="MedianDaysToProductionFromTemplate">Median days to first ProductionOwned of agents made from a template; null when none got there.</param>
/// <param name="MedianDaysToProductionFromScratch">The same for the other agents, from their first stage change.</param>
public sealed record ReplicationKpis(
    int Agents,
    int FromTemplate,
    IReadOnlyList<TemplateReuse> Templates,
    double? MedianDaysToProductionFromTemplate,
    double? MedianDaysToProductionFromScratch)
{
    /// <summary>Share of agents made from a template; 0 with no agents.</summary>
    public double ReuseShare => Agents == 0 ? 0 : (double)FromTemplate / Agents;
}
