using Rung.Core.Ladder;
using Rung.Core.Proposals;
using Rung.Gates.Economics;
using static Rung.Gates.Evaluation.Text;

namespace Rung.Gates.Evaluation;

/// <summary>AutoWithExceptions to ProductionOwned: accuracy, integration, ownership, economics and failure mode, all five.</summary>
internal static class ProductionGate
{
    /// <summary>Committed actions younger than this are still in flight and not counted against delivery.</summary>
    public static readonly TimeSpan DeliveryGrace = TimeSpan.FromHours(1);

    /// <summary>At most this many weeks are charted.</summary>
    public const int ChartWeeks = 12;

    public static IReadOnlyList<CriterionResult> Evaluate(GateThresholds t, GateEvidence e, string owner, RoiCalculation roi)
    {
        var since = e.AutoSince ?? e.Now;
        var auto = e.Cases.Where(c => TrustLadder.CommitsAutomatically(c.Stage) && c.OccurredAt >= since).ToList();
        return [Accuracy(t, e, since, auto), Integration(t, e, since, auto), Ownership(t, e, owner), Economics(t, roi), FailureMode(t, e, auto)];
    }

    /// <summary>Weekly accuracy on automatic stages, newest week ending now, for weeks wholly inside the automatic record.</summary>
    public static IReadOnlyList<WeekAccuracy> Weeks(GateThresholds t, GateEvidence e, DateTimeOffset since, IReadOnlyList<Storage.Gates.CaseEvidence> auto)
    {
        var weeks = new List<WeekAccuracy>();
        for (var k = 0; k < ChartWeeks; k++)
        {
            var end = e.Now - TimeSpan.FromDays(7 * k);
            var start = end - TimeSpan.FromDays(7);
            if (start < since)
            {
                break;
            }

            var labelled = auto.Where(c => c.OccurredAt >= start && c.OccurredAt < end && c.Correct is not null).ToList();
            weeks.Add(new WeekAccuracy(start, labelled.Count, labelled.Count(c => c.Correct == true), t.AccuracyFloor, t.MinLabelledPerWeek));
        }

        weeks.Reverse();
        return weeks;
    }

    private static CriterionResult Accuracy(GateThresholds t, GateEvidence e, DateTimeOffset since, IReadOnlyList<Storage.Gates.CaseEvidence> auto)
    {
        var weeks = Weeks(t, e, since, auto);
        var recent = weeks.TakeLast(t.Weeks).ToList();
        var passed = recent.Count == t.Weeks && recent.All(w => w.Holds);
        var summary = recent.Count < t.Weeks
            ? F($"{weeks.Count} whole weeks on automatic stages, {t.Weeks} consecutive required")
            : passed ? F($"at or above {Pct(t.AccuracyFloor)} for the last {t.Weeks} weeks, each with at least {t.MinLabelledPerWeek} labelled cases")
            : F($"{recent.Count(w => !w.Holds)} of the last {t.Weeks} weeks under {Pct(t.AccuracyFloor)} or under {t.MinLabelledPerWeek} labelled cases");
        return new("production.accuracy", "Accuracy held for consecutive weeks", passed, summary, Stage.AutoWithExceptions,
            [Line("floor", $"{t.AccuracyFloor:0.0000}"), Line("weeks_required", $"{t.Weeks}"), Line("min_labelled_per_week", $"{t.MinLabelledPerWeek}"), Line("automatic_since", $"{since:yyyy-MM-dd HH:mm}Z"),
             .. recent.Select(w => Line(F($"week from {w.Start:yyyy-MM-dd}"), $"{Pct(w.Accuracy)} over {w.Labelled} labelled{(w.Holds ? "" : " (does not hold)")}"))],
            weeks);
    }

    private static CriterionResult Integration(GateThresholds t, GateEvidence e, DateTimeOffset since, IReadOnlyList<Storage.Gates.CaseEvidence> auto)
    {
        var committed = auto.Where(c => c.CommittedAt is { } at && at <= e.Now - DeliveryGrace).ToList();
        var delivered = committed.Count(c => c.DeliveredAt is not null);
        var rate = committed.Count == 0 ? 0 : (double)delivered / committed.Count;
        var checks = e.ConnectorChecks.Where(c => c.At >= since).ToList();
        var clean = checks.Count(c => c.Clean);
        var dirty = checks.Where(c => !c.Clean).ToList();
        var passed = committed.Count > 0 && rate >= t.MinWriteSuccessRate && clean >= t.MinRestarts && dirty.Count == 0;
        return new("production.integration", "Integration writes and connector restart", passed,
            F($"{delivered} of {committed.Count} committed actions delivered ({rate * 100:0.###} %, {t.MinWriteSuccessRate * 100:0.###} % required); {clean} clean restart/outage checks of {t.MinRestarts} required{(dirty.Count > 0 ? F($", {dirty.Count} lost or duplicated actions") : "")}"),
            Stage.AutoWithExceptions,
            [Line("committed", $"{committed.Count}"), Line("delivered", $"{delivered}"), Line("write_success_rate", $"{rate:0.00000}"), Line("required_rate", $"{t.MinWriteSuccessRate:0.00000}"),
             .. checks.Select(c => Line(F($"{c.Kind} {c.At:yyyy-MM-dd HH:mm}Z"), $"{c.Committed} committed, {c.Delivered} delivered, {c.Lost} lost, {c.Duplicated} duplicated: {c.Note}"))],
            []);
    }

    private static CriterionResult Ownership(GateThresholds t, GateEvidence e, string owner)
    {
        var first = e.Today.AddDays(1 - t.AcknowledgedWindowDays);
        var days = e.Summaries.Where(s => s.Day >= first && s.Day <= e.Today && s.AcknowledgedAt is not null && s.AcknowledgedBy == owner).Select(s => s.Day).Distinct().Count();
        var sent = e.Summaries.Count(s => s.Day >= first && s.Day <= e.Today);
        return new("production.ownership", "Named owner acknowledged the daily summary", owner.Length > 0 && days >= t.AcknowledgedDays,
            F($"{owner} acknowledged {days} of {sent} daily summaries in the last {t.AcknowledgedWindowDays} days; {t.AcknowledgedDays} required"), Stage.AutoWithExceptions,
            [Line("owner", $"{owner}"), Line("acknowledged_days", $"{days}"), Line("summaries_sent", $"{sent}"), Line("window", $"{first:yyyy-MM-dd} to {e.Today:yyyy-MM-dd}")], []);
    }

    private static CriterionResult Economics(GateThresholds t, RoiCalculation roi)
    {
        var unbudgeted = roi.Lines.Where(l => l.Budget is null).Select(l => l.Name).ToList();
        var over = roi.Lines.Where(l => l.Budget is { } b && l.Monthly > b + 1e-9).Select(l => l.Name).ToList();
        // Compared at 9 decimals: a return computed as exactly 3.0 by hand must not fail on a rounding error.
        var passed = roi.Return is { } r && Math.Round(r, 9) >= t.MinReturn && roi.Lines.Count > 0 && unbudgeted.Count == 0 && over.Count == 0;
        var returnText = roi.Return is { } x ? F($"{x:0.00}x") : "no return (no cost declared)";
        return new("production.economics", "Return at steady-state volume", passed,
            F($"return {returnText} at {roi.MonthlyCases:0} cases/month, {t.MinReturn:0.0}x required{(unbudgeted.Count > 0 ? $"; no budget for {string.Join(", ", unbudgeted)}" : "")}{(over.Count > 0 ? $"; over budget: {string.Join(", ", over)}" : "")}"),
            Stage.AutoWithExceptions,
            [Line("monthly_value", $"{roi.MonthlyValue:0.00} {roi.Currency}"), Line("monthly_cost", $"{roi.MonthlyCost:0.00} {roi.Currency}"), Line("return", $"{returnText}"), Line("required", $"{t.MinReturn:0.00}x")], []);
    }

    private static CriterionResult FailureMode(GateThresholds t, GateEvidence e, IReadOnlyList<Storage.Gates.CaseEvidence> auto)
    {
        var committed = auto.Where(c => c.CommittedAt is not null).ToList();
        var wrong = committed.Where(c => c.Correct == false).ToList();
        var high = wrong.Where(c => c.ErrorSeverity == Severity.High).ToList();
        var late = wrong.Where(c => c.JudgedAt - c.CommittedAt > t.CatchWithin).ToList();
        var silent = committed.Where(c => c.Correct is null && e.Now - c.CommittedAt > t.CatchWithin).ToList();
        var passed = high.Count == 0 && late.Count == 0 && silent.Count == 0;
        return new("production.failure_mode", "Every wrong committed action caught and recoverable", passed,
            F($"{wrong.Count} wrong of {committed.Count} committed actions: {wrong.Count - late.Count} caught within {t.CatchWithin.TotalHours:0} h, {late.Count} caught late, {silent.Count} silent (unlabelled), {high.Count} high-severity"),
            Stage.ApproveEach,
            [Line("committed", $"{committed.Count}"), Line("wrong", $"{wrong.Count}"), Line("caught_late", $"{late.Count}"), Line("silent", $"{silent.Count}"), Line("high_severity", $"{high.Count}"),
             .. high.Concat(late).Concat(silent).Take(10).Select(c => Line("case " + c.CaseId, $"committed {c.ProposedAction} at {c.CommittedAt:yyyy-MM-dd HH:mm}Z; label {c.CorrectAction ?? "none"}"))],
            []);
    }
}
