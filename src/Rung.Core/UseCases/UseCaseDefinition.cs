namespace Rung.Core.UseCases;

/// <summary>A business case and the agent that serves it, as one use-case file declares them.</summary>
/// <param name="Id">Unique use-case id.</param>
/// <param name="Name">A title for people.</param>
/// <param name="Description">What the use case decides and why, for people.</param>
/// <param name="Business">The KPI, baseline, target, owner, value and costs.</param>
/// <param name="Agent">The agent.</param>
/// <param name="Gates">Thresholds of the go/no-go gates; null means every threshold takes its default (see <see cref="GateDefinition"/>).</param>
/// <param name="Readiness">What the readiness checklist cannot read from the system itself; null when not declared.</param>
public sealed record UseCaseDefinition(string Id, string Name, string Description, BusinessCase Business, AgentDefinition Agent, GateDefinition? Gates = null, ReadinessDefinition? Readiness = null);
