using System.Globalization;
using Rung.Core.UseCases;
using Rung.Gates.Evaluation;

namespace Rung.Gates.Readiness;

/// <summary>
/// The readiness checklist. Each item is derived from system state where the system can know it; otherwise a
/// named person attests it with the date (<c>rung gate attest --item ID</c>).
/// </summary>
public static class ReadinessChecklist
{
    /// <summary>The item ids, in checklist order.</summary>
    public static IReadOnlyList<string> Items { get; } =
        ["business_owner", "data_pipeline", "integration_plan", "monitoring", "operators_trained", "kill_scale_criteria", "governance"];

    /// <summary>Evaluates every item.</summary>
    public static IReadOnlyList<ReadinessItem> Evaluate(UseCaseDefinition useCase, GateEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(evidence);
        var owner = useCase.Business.Owner;
        var ownerActive = evidence.Summaries.Any(s => s.AcknowledgedBy == owner) || evidence.Alarms.Any(a => a.AcknowledgedBy == owner);
        var lastCase = evidence.Cases.Count == 0 ? (DateTimeOffset?)null : evidence.Cases[^1].OccurredAt;
        var delivered = evidence.Cases.Count(c => c.DeliveredAt is not null);
        var testPage = TestPage.LatestAcknowledged(evidence.Alarms);
        var business = useCase.Business;
        return
        [
            Derived("business_owner", "Business owner assigned", owner.Length > 0 && ownerActive,
                ownerActive ? $"{owner} is named and has acknowledged summaries or alarms" : $"'{owner}' is named but has acknowledged nothing yet", evidence),
            Derived("data_pipeline", "Data pipeline automated", lastCase is { } last && evidence.Now - last <= TimeSpan.FromDays(1),
                lastCase is { } l ? $"last case arrived {Ago(evidence.Now - l)} before the evaluation" : "no case has arrived", evidence),
            Derived("integration_plan", "Integration plan", useCase.Readiness?.IntegrationPlan is not null && delivered > 0,
                $"{useCase.Readiness?.IntegrationPlan ?? "no plan declared (readiness.integration_plan)"}; {delivered} actions delivered through the connector", evidence),
            Derived("monitoring", "Monitoring and alerting in place", testPage is not null,
                testPage is { } t ? $"test page {t.Id} acknowledged by {t.AcknowledgedBy} at {t.AcknowledgedAt:yyyy-MM-dd HH:mm}Z" : "no acknowledged test page (rung alarms test-page)", evidence),
            Attested("operators_trained", "Operators trained", evidence, null),
            Derived("kill_scale_criteria", "Kill and scale criteria set", business.KillCriteria is not null && business.ScaleCriteria is not null,
                $"kill: {business.KillCriteria ?? "not set"}; scale: {business.ScaleCriteria ?? "not set"}", evidence),
            Attested("governance", "Governance reviewed", evidence, useCase.Readiness?.GovernanceReviewer),
        ];
    }

    // A derived item is met by the system's state; failing that, a named person's attestation still counts.
    private static ReadinessItem Derived(string id, string name, bool met, string detail, GateEvidence evidence) =>
        met ? new ReadinessItem(id, name, true, "system", detail) : Attested(id, name, evidence, null) is { Met: true } a ? a with { Detail = $"{a.Detail} (system: {detail})" } : new ReadinessItem(id, name, false, "missing", detail);

    private static ReadinessItem Attested(string id, string name, GateEvidence evidence, string? requiredBy)
    {
        var subject = "readiness:" + id;
        var latest = evidence.Attestations.LastOrDefault(a => a.Subject == subject && (requiredBy is null || a.AttestedBy == requiredBy));
        return latest is null
            ? new ReadinessItem(id, name, false, "missing", requiredBy is null ? $"nobody has attested it (rung gate attest --item {id})" : $"{requiredBy} has not attested it (rung gate attest --item {id})")
            : new ReadinessItem(id, name, true, "attested", string.Create(CultureInfo.InvariantCulture, $"{latest.AttestedBy} on {latest.At:yyyy-MM-dd}: {latest.Note}"));
    }

    private static string Ago(TimeSpan span) => span.TotalHours < 1 ? $"{span.TotalMinutes:0} min" : $"{span.TotalHours:0.#} h";
}
