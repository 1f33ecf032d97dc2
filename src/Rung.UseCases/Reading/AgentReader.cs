using Rung.Core.Calendar;
using Rung.Core.Guards;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads the <c>agent</c> section.</summary>
internal static class AgentReader
{
    public static readonly string[] Keys =
    [
        "id", "scope", "initial_stage", "model", "inputs", "actions", "default_action",
        "guard", "thresholds", "slo", "calendar", "error_severity", "promotion", "monitoring", "contract",
    ];

    private static readonly string[] ThresholdKeys = ["min_confidence"];

    public static AgentDefinition Read(MapReader? agent, Values values)
    {
        var id = values.Checked(agent?.Required("id"), Names.CheckId) ?? "";
        var scope = values.Checked(agent?.Required("scope"), Names.CheckScope) ?? "";
        var stage = values.EnumName<Stage>(agent?.Optional("initial_stage"), "stage") ?? Stage.Shadow;
        var model = ModelReader.Read(values.Map(agent?.Required("model"), ModelReader.Keys), values);
        var inputs = ContractReader.Inputs(agent?.Required("inputs"), values);
        var (actions, declared) = ContractReader.Actions(agent?.Required("actions"), values);
        var defaultAction = values.ActionReference(agent?.Required("default_action"), declared) ?? "";
        var guard = GuardReader.Read(values.Map(agent?.Optional("guard"), GuardReader.Keys), values, declared);
        var thresholds = values.Map(agent?.Optional("thresholds"), ThresholdKeys);
        var minConfidence = values.Number(thresholds?.Optional("min_confidence"), min: 0, max: 1, minExclusive: true);
        var slo = SloReader.Read(values.Map(agent?.Optional("slo"), SloReader.Keys), values);
        var calendar = CalendarReader.Read(values.Map(agent?.Optional("calendar"), CalendarReader.Keys), values);
        var errorSeverity = RulesReader.ErrorSeverity(agent?.Optional("error_severity"), values, declared);
        var promotion = RulesReader.Promotion(agent?.Optional("promotion"), values);
        var monitoring = MonitoringReader.Read(values.Map(agent?.Optional("monitoring"), MonitoringReader.Keys), values);
        var contract = UnsContractReader.Read(values.Map(agent?.Optional("contract"), UnsContractReader.Keys), values, inputs);

        return new AgentDefinition(
            id,
            scope,
            stage,
            inputs,
            actions,
            defaultAction,
            guard ?? Guard.None,
            minConfidence is { } confidence ? new PolicyThresholds(confidence) : new PolicyThresholds(),
            slo,
            calendar ?? SiteCalendar.Default,
            errorSeverity,
            promotion,
            model,
            monitoring,
            contract);
    }
}
