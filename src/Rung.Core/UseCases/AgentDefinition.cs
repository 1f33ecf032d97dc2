using Rung.Core.Calendar;
using Rung.Core.Guards;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;

namespace Rung.Core.UseCases;

/// <summary>One model deployed for one use case on one scope.</summary>
/// <param name="Id">Unique agent id, for example <c>line3-quality</c>.</param>
/// <param name="Scope">ISA-95 scope the agent decides for: enterprise/site/area/line[/cell].</param>
/// <param name="InitialStage">The stage a new agent starts on; Shadow unless the file says otherwise.</param>
/// <param name="Inputs">The data contract's inputs.</param>
/// <param name="Actions">The actions the agent may propose.</param>
/// <param name="DefaultAction">The safe action when the model cannot answer (for example <c>route_to_person</c> or <c>inspect</c>).</param>
/// <param name="Guard">Safety limits on actions.</param>
/// <param name="Thresholds">Thresholds for deciding alone.</param>
/// <param name="Slo">The written service level.</param>
/// <param name="Calendar">The site calendar for SLAs.</param>
/// <param name="ErrorSeverity">How bad each kind of wrong proposal is.</param>
/// <param name="Promotion">Minimum evidence per stage before promotion is offered.</param>
/// <param name="Model">The model and how to reach it.</param>
/// <param name="Monitoring">Backup owner, alarm delays, drift window and runbook; null means <see cref="MonitoringDefinition.Default"/>.</param>
/// <param name="Contract">How the inputs are read from the Unified Namespace; null when cases arrive some other way (REST, CSV).</param>
public sealed record AgentDefinition(
    string Id,
    string Scope,
    Stage InitialStage,
    IReadOnlyList<InputDefinition> Inputs,
    IReadOnlyList<ActionDefinition> Actions,
    string DefaultAction,
    Guard Guard,
    PolicyThresholds Thresholds,
    Slo.Slo Slo,
    SiteCalendar Calendar,
    IReadOnlyList<ErrorSeverityRule> ErrorSeverity,
    IReadOnlyList<PromotionCriteria> Promotion,
    ModelReference Model,
    MonitoringDefinition? Monitoring = null,
    UnsContractDefinition? Contract = null)
{
    /// <summary>The monitoring settings, defaults filled in.</summary>
    public MonitoringDefinition MonitoringOrDefault => Monitoring ?? MonitoringDefinition.Default;
}
