namespace Rung.Gates.Portfolio;

/// <summary>How one template has been reused.</summary>
/// <param name="TemplateId">The template.</param>
/// <param name="SourceAgentId">The agent it was exported from.</param>
/// <param name="Instances">Agents made from it.</param>
/// <param name="InProduction">Of those, how many have reached ProductionOwned.</param>
/// <param name="MedianDaysToProduction">Median days from an instance's creation to its first ProductionOwned; null when none got there.</param>
/// <param name="Sites">The sites it runs at, the source's included, in order.</param>
public sealed record TemplateReuse(string TemplateId, string SourceAgentId, int Instances, int InProduction, double? MedianDaysToProduction, IReadOnlyList<string> Sites);
