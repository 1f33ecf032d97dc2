using Rung.Core.Alarms;
using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.monitoring</c>; every key is optional.</summary>
internal static class MonitoringReader
{
    public static readonly string[] Keys = ["backup_owner", "escalate_after", "clear_after", "drift_window", "data_quality_max_rate", "runbook"];

    public static MonitoringDefinition? Read(MapReader? monitoring, Values values)
    {
        if (monitoring is null)
        {
            return null;
        }

        var defaults = MonitoringDefinition.Default;
        var runbook = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = values.Map(monitoring.Optional("runbook"), AlarmRules.All);
        foreach (var rule in AlarmRules.All)
        {
            if (values.NonEmptyText(entries?.Optional(rule)) is { } text)
            {
                runbook[rule] = text.Trim();
            }
        }

        return new MonitoringDefinition(
            values.Checked(monitoring.Optional("backup_owner"), Names.CheckUserId),
            values.Duration(monitoring.Optional("escalate_after")) ?? defaults.EscalateAfter,
            values.Duration(monitoring.Optional("clear_after")) ?? defaults.ClearAfter,
            values.Integer(monitoring.Optional("drift_window"), 30, 1_000_000) ?? defaults.DriftWindow,
            values.Number(monitoring.Optional("data_quality_max_rate"), min: 0, max: 1, minExclusive: true) ?? defaults.DataQualityMaxRate,
            runbook);
    }
}
