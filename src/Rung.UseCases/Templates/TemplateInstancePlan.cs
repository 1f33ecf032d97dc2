using Rung.Core.UseCases;

namespace Rung.UseCases.Templates;

/// <summary>
/// A template filled in for one site and line, checked but not yet created: what each parameter became, the problems
/// found so far, and, when the mapping is usable, the instance's use case and its YAML.
/// </summary>
/// <param name="Template">The template.</param>
/// <param name="Site">The new site.</param>
/// <param name="Line">The new line.</param>
/// <param name="Values">Every parameter used, by name, as written into the instance.</param>
/// <param name="Findings">Problems found without looking at the namespace (units that cannot convert).</param>
/// <param name="Definition">The instance's use case; null when <paramref name="Findings"/> hold a problem.</param>
/// <param name="Yaml">The instance's use-case file text; null with <paramref name="Definition"/>.</param>
public sealed record TemplateInstancePlan(
    UseCaseTemplate Template,
    string Site,
    string Line,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<ReplicationFinding> Findings,
    UseCaseDefinition? Definition,
    string? Yaml)
{
    /// <summary>True when nothing found so far stops the instance from being created.</summary>
    public bool IsUsable => Definition is not null && !Findings.Any(f => f.IsProblem);
}
