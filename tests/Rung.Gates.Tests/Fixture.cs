using Rung.Core.Alarms;
using Rung.Core.Approvals;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Gates.Evaluation;
using Rung.Storage.Gates;
using Rung.Storage.Journal;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Gates.Tests;

/// <summary>A use case with every gate threshold written out, and builders of evidence around a fixed now.</summary>
internal static class Fixture
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly string Yaml = MinimalUseCase.Text
        .Replace("id: demo-agent", "id: agent-1", StringComparison.Ordinal) // before "id: demo", which it contains
        .Replace("id: demo", "id: uc", StringComparison.Ordinal)
        .Replace("name: Demo", "name: Gate test", StringComparison.Ordinal)
        .Replace("value_per_case: 1", "value_per_case: 3", StringComparison.Ordinal)
        .Replace("currency: EUR", """
        currency: EUR
          decisions_per_day: 100
          kill: return under 1x for a month
          scale: return over 5x for a quarter
          costs: [ { name: compute, monthly: 100 } ]
          run_costs:
            model_per_case: 0.01
            monitoring_monthly: 50
            exception_minutes: 6
            hourly_rate: 60
            maintenance_hours: 2
            budgets: { model_usage: 100, monitoring: 50, exception_handling: 1000, maintenance: 200 }
        """, StringComparison.Ordinal) + """
          slo: { accuracy_floor: 0.9 }
        gates:
          shadow: { min_volume: 100, min_agreement: 0.9, min_class_agreement: 0.8, min_class_volume: 10 }
          approve_each: { min_volume: 50, min_approve_rate: 0.9 }
          production: { weeks: 3, min_labelled_per_week: 70, min_write_success_rate: 0.99, min_restarts: 1, acknowledged_days: 5, acknowledged_window_days: 21, min_return: 3, steady_state_days: 28, catch_within: 2d }
        readiness: { integration_plan: MES-42 file drop, governance_reviewer: qa.lead }
        """;

    public static UseCaseDefinition UseCase(string? yaml = null) => UseCaseLoader.Load(yaml ?? Yaml, "test.yaml").Definition;

    public static CaseEvidence Case(int i, DateTimeOffset at, Stage stage, bool? correct, Severity? severity = null, string label = "accept", Disposition disposition = Disposition.Committed, bool delivered = true) =>
        new($"c{i}", at, stage, disposition, correct == false ? "scrap" : label, correct is null ? null : label, correct, correct == false ? severity ?? Severity.Low : null,
            correct is null ? null : at.AddHours(1),
            disposition == Disposition.Committed ? at : null,
            disposition == Disposition.Committed && delivered ? at.AddMinutes(1) : null);

    /// <summary><paramref name="perDay"/> cases a day on <paramref name="stage"/> for the <paramref name="days"/> days up to now, a share <paramref name="accuracy"/> of each day correct.</summary>
    public static List<CaseEvidence> Daily(int days, int perDay, double accuracy, Stage stage = Stage.AutoWithExceptions)
    {
        var cases = new List<CaseEvidence>();
        for (var d = days; d >= 1; d--)
        {
            var dayStart = Now - TimeSpan.FromDays(d);
            var wrong = (int)Math.Round(perDay * (1 - accuracy));
            for (var k = 0; k < perDay; k++)
            {
                cases.Add(Case(cases.Count, dayStart + TimeSpan.FromMinutes(10 * (k + 1)), stage, k >= wrong));
            }
        }

        return cases;
    }

    public static GateEvidence Evidence(Stage stage, DateTimeOffset since, IReadOnlyList<CaseEvidence> cases, DateTimeOffset? autoSince = null) => new(
        "agent-1", stage, since, autoSince ?? (TrustLadder.CommitsAutomatically(stage) ? since : null), Now, cases, [], [], [], [], [], DateOnly.FromDateTime(Now.UtcDateTime));

    public static IReadOnlyList<DailySummary> Acknowledged(int days, string by = "line.lead") =>
        [.. Enumerable.Range(0, days).Select(d => new DailySummary("agent-1", DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-d), Now.AddDays(-d), by, "summary", by, Now.AddDays(-d).AddHours(1)))];

    public static Alarm AcknowledgedTestPage() => TestPage.Create("T1", "agent-1", "line.lead", Now.AddDays(-30)) with { State = AlarmState.Acknowledged, AcknowledgedBy = "line.lead", AcknowledgedAt = Now.AddDays(-30).AddMinutes(3) };

    public static ApprovalEvidence Verdict(int i, bool approved, DateTimeOffset at, string? reason = null) =>
        new($"c{i}", Stage.ApproveEach, approved ? Core.Approvals.Verdict.Approved : Core.Approvals.Verdict.Rejected, "approver", at, approved ? null : reason ?? "wrong tool");

    /// <summary>Evidence on which every production criterion holds; tests spoil one thing at a time.</summary>
    public static GateEvidence PassingProduction(int days = 28, int perDay = 12) =>
        Evidence(Stage.AutoWithExceptions, Now - TimeSpan.FromDays(days), Daily(days, perDay, 1.0)) with
        {
            ConnectorChecks = [new ConnectorCheck("agent-1", Now.AddDays(-3), "restart", 100, 100, 0, 0, "restarted")],
            Summaries = Acknowledged(5),
        };

    public static CriterionResult Criterion(GateReport report, string id) => report.Criteria.Single(c => c.Id == id);
}
