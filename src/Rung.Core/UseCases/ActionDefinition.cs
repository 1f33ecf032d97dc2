using Rung.Core.Proposals;

namespace Rung.Core.UseCases;

/// <summary>One action the agent may propose.</summary>
/// <param name="Name">The action name, for example <c>scrap</c>.</param>
/// <param name="Severity">The action's severity class when proposed.</param>
/// <param name="HighSeverityAbove">When set, a proposal whose value exceeds this is High severity whatever <paramref name="Severity"/> says.</param>
/// <param name="Description">What the action does on the plant, for a person.</param>
public sealed record ActionDefinition(string Name, Severity Severity, double? HighSeverityAbove = null, string? Description = null);
