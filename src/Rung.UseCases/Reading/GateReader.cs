using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads the optional <c>gates</c> and <c>readiness</c> sections; every key in them is optional.</summary>
internal static class GateReader
{
    public static readonly string[] Keys = ["shadow", "approve_each", "production"];
    public static readonly string[] ReadinessKeys = ["integration_plan", "governance_reviewer"];

    private static readonly string[] ShadowKeys = ["min_volume", "min_agreement", "min_class_agreement", "min_class_volume"];
    private static readonly string[] ApproveKeys = ["min_volume", "min_approve_rate"];

    private static readonly string[] ProductionKeys =
    [
        "weeks", "min_labelled_per_week", "min_write_success_rate", "min_restarts", "acknowledged_days",
        "acknowledged_window_days", "min_return", "steady_state_days", "catch_within",
    ];

    public static GateDefinition? Read(MapReader? gates, Values values)
    {
        if (gates is null)
        {
            return null;
        }

        var shadow = values.Map(gates.Optional("shadow"), ShadowKeys);
        var approve = values.Map(gates.Optional("approve_each"), ApproveKeys);
        var production = values.Map(gates.Optional("production"), ProductionKeys);
        var acknowledgedDays = values.Integer(production?.Optional("acknowledged_days"), 0, 366);
        var window = values.Integer(production?.Optional("acknowledged_window_days"), 1, 366);
        if (acknowledgedDays > (window ?? 21) && production?.Optional("acknowledged_days") is { } daysField)
        {
            values.Error(daysField, $"{acknowledgedDays} acknowledged days cannot fit in a window of {window ?? 21} days (acknowledged_window_days)");
        }

        return new GateDefinition(
            new ShadowGateDefinition(
                values.Integer(shadow?.Optional("min_volume"), 0, int.MaxValue),
                values.Number(shadow?.Optional("min_agreement"), min: 0, max: 1),
                values.Number(shadow?.Optional("min_class_agreement"), min: 0, max: 1),
                values.Integer(shadow?.Optional("min_class_volume"), 0, int.MaxValue)),
            new ApproveEachGateDefinition(
                values.Integer(approve?.Optional("min_volume"), 0, int.MaxValue),
                values.Number(approve?.Optional("min_approve_rate"), min: 0, max: 1)),
            new ProductionGateDefinition(
                values.Integer(production?.Optional("weeks"), 1, 52),
                values.Integer(production?.Optional("min_labelled_per_week"), 0, int.MaxValue),
                values.Number(production?.Optional("min_write_success_rate"), min: 0, max: 1),
                values.Integer(production?.Optional("min_restarts"), 0, 1000),
                acknowledgedDays,
                window,
                values.Number(production?.Optional("min_return"), min: 0),
                values.Integer(production?.Optional("steady_state_days"), 1, 366),
                values.Duration(production?.Optional("catch_within"))));
    }

    public static ReadinessDefinition? Readiness(MapReader? readiness, Values values) =>
        readiness is null
            ? null
            : new ReadinessDefinition(
                values.NonEmptyText(readiness.Optional("integration_plan"))?.Trim(),
                values.Checked(readiness.Optional("governance_reviewer"), Names.CheckUserId));
}
