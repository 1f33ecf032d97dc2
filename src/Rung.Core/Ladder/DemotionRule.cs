using System.Globalization;
using Rung.Core.Slo;

namespace Rung.Core.Ladder;

/// <summary>
/// Where an SLO breach sends an agent. Only the stages that commit on their own are demoted automatically:
/// on ApproveEach a person already checks every action, and Shadow commits nothing.
/// </summary>
/// <remarks>
/// A high-severity error puts a person back in front of every action (ApproveEach). Accuracy under the alert
/// line costs one rung: ProductionOwned falls back to AutoWithExceptions, AutoWithExceptions to ApproveEach.
/// </remarks>
public static class DemotionRule
{
    /// <summary>The stage to demote to, or null when <paramref name="current"/> is not demoted automatically.</summary>
    public static Stage? TargetFor(Stage current, SloBreachKind kind)
    {
        if (!TrustLadder.CommitsAutomatically(current))
        {
            return null;
        }

        return kind == SloBreachKind.HighSeverityError ? Stage.ApproveEach : TrustLadder.Below(current);
    }

    /// <summary>The stage change recording an automatic demotion with its evidence, or null when none applies.</summary>
    public static StageChange? Demote(string agentId, Stage current, SloBreach breach, Slo.Slo slo)
    {
        ArgumentNullException.ThrowIfNull(breach);
        ArgumentNullException.ThrowIfNull(slo);
        if (TargetFor(current, breach.Kind) is not { } target)
        {
            return null;
        }

        var accuracy = breach.Status.RollingAccuracy is { } a ? a.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
        var reason = breach.Kind == SloBreachKind.HighSeverityError
            ? $"high-severity error on {string.Join(", ", breach.CaseIds)}: {breach.Status.HighSeverityErrors} over a tolerance of {slo.MaxHighSeverityErrors}"
            : string.Create(CultureInfo.InvariantCulture, $"rolling accuracy {breach.Status.RollingAccuracy * 100:0.0}% over the last {breach.Status.Labelled} labelled cases is under the alert line {slo.AlertLine * 100:0.0}%");
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["breach"] = breach.Kind.ToString(),
            ["rolling_accuracy"] = accuracy,
            ["labelled"] = breach.Status.Labelled.ToString(CultureInfo.InvariantCulture),
            ["correct"] = breach.Status.Correct.ToString(CultureInfo.InvariantCulture),
            ["high_severity_errors"] = breach.Status.HighSeverityErrors.ToString(CultureInfo.InvariantCulture),
            ["alert_line"] = slo.AlertLine.ToString(CultureInfo.InvariantCulture),
            ["window"] = slo.Window.ToString(CultureInfo.InvariantCulture),
            ["first_case"] = breach.CaseIds.Count > 0 ? breach.CaseIds[0] : string.Empty,
            ["last_case"] = breach.CaseIds.Count > 0 ? breach.CaseIds[^1] : string.Empty,
        };
        return new StageChange(agentId, current, target, StageChangeKind.Demotion, breach.At, "system", reason, evidence);
    }
}
