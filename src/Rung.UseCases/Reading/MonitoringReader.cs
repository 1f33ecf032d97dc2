using Rung.Core.Alarms;
using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.monitoring</c>; every key is optional.</summary>
internal static class MonitoringReader
{
    public static readonly string[] Keys = ["backup_owner", "escalate_after", "clear_after", "drift_window", "data_quality_max_rate", "runbook", "stop_on"];

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
            runbook)
        {
            StopOn = ReadStopOn(monitoring.Optional("stop_on"), values),
        };
    }

    // An unknown rule would never match an alarm: the halt its author counted on would silently not happen.
    private static List<string> ReadStopOn(Field? field, Values values)
    {
        var rules = new List<string>();
        foreach (var item in values.List(field))
        {
            if (values.NonEmptyText(item)?.Trim() is not { } rule)
            {
                continue;
            }

            if (!StopOnRules.IsKnown(rule))
            {
                var suggestion = KeySuggester.Closest(rule, StopOnRules.Known) is { } close ? $"; did you mean '{close}'?" : "";
                values.Error(item, $"'{rule}' is not an alarm rule (known: {string.Join(", ", StopOnRules.Known)}, or a family such as 'drift.*'){suggestion}");
                continue;
            }

            if (!rules.Contains(rule, StringComparer.Ordinal))
            {
                rules.Add(rule);
            }
        }

        return rules;
    }
}
