using System.Globalization;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.slo</c>; every key is optional and falls back to Rung's default SLO.</summary>
internal static class SloReader
{
    public static readonly string[] Keys =
        ["window", "accuracy_floor", "alert_line", "max_high_severity_errors", "exception_sla", "latency_budget"];

    public const int MaxWindow = 1_000_000;

    public static Core.Slo.Slo Read(MapReader? slo, Values values)
    {
        var defaults = new Core.Slo.Slo();
        if (slo is null)
        {
            return defaults;
        }

        var floorField = slo.Optional("accuracy_floor");
        var alertField = slo.Optional("alert_line");
        var floor = values.Number(floorField, min: 0, max: 1, minExclusive: true);
        var alert = values.Number(alertField, min: 0, max: 1);
        if (floor is not null || alert is not null)
        {
            var effectiveFloor = floor ?? defaults.AccuracyFloor;
            var effectiveAlert = alert ?? defaults.AlertLine;
            if (effectiveAlert > effectiveFloor && (alertField ?? floorField) is { } at)
            {
                values.Error(at, string.Create(
                    CultureInfo.InvariantCulture,
                    $"the alert line ({effectiveAlert}{(alert is null ? ", the default" : "")}) must not be above the accuracy floor ({effectiveFloor}{(floor is null ? ", the default" : "")})"));
            }
        }

        return new Core.Slo.Slo(
            values.Integer(slo.Optional("window"), 1, MaxWindow) ?? defaults.Window,
            floor ?? defaults.AccuracyFloor,
            alert ?? defaults.AlertLine,
            values.Integer(slo.Optional("max_high_severity_errors"), 0, int.MaxValue) ?? defaults.MaxHighSeverityErrors,
            values.Duration(slo.Optional("exception_sla")),
            values.Duration(slo.Optional("latency_budget")));
    }
}
