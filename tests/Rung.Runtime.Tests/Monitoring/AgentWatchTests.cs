using System.Text.Json;
using Rung.Core.Alarms;
using Rung.Core.Drift;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Runtime.Agents;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Runtime.Tests.Agents;
using static Rung.Runtime.Tests.Agents.RuntimeFixture;

namespace Rung.Runtime.Tests.Monitoring;

public sealed class AgentWatchTests
{
    private const string Monitoring = """
          monitoring:
            backup_owner: plant.duty
            escalate_after: 30m
            clear_after: 1h
            drift_window: 100
            runbook:
              slo.high_severity: Quarantine the parts decided since the error.
        """;

    private static Outcome Qc(string caseId, string action, DateTimeOffset at) => new(caseId, OutcomeSource.QualityResult, action, at, "qc.lab");

    [Fact]
    public async Task HighSeverityError_PagesTheOwnerWithTheRunbook_EscalatesToTheBackupWhenNotTaken()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartWatchedAsync(Stage.ProductionOwned, Monitoring);
        await agent.DecideAsync([Case("p1", 0)]);
        await agent.RecordOutcomesAsync([Qc("p1", "stop_line", f.Clock.GetUtcNow())]);

        var page = Assert.Single(f.Pager.Pages, p => p.Rule == AlarmRules.HighSeverityError);
        Assert.Equal(PageKind.Raised, page.Kind);
        Assert.Equal("line3.lead", page.Recipient);
        Assert.Equal(PageSeverity.Critical, page.Severity);
        Assert.Equal("Quarantine the parts decided since the error.", page.Runbook);
        Assert.Contains("p1", page.Title, StringComparison.Ordinal);

        // Nobody takes it: 30 minutes later the next check pages the backup, once.
        f.Clock.Advance(TimeSpan.FromMinutes(31));
        await agent.DecideAsync([Case("p2", 1)]);
        f.Clock.Advance(TimeSpan.FromMinutes(31));
        await agent.DecideAsync([Case("p3", 1)]);
        var escalation = Assert.Single(f.Pager.Pages, p => p.Kind == PageKind.Escalated);
        Assert.Equal("plant.duty", escalation.Recipient);

        // It does not clear by itself; a person resolves it with a comment.
        var alarm = Assert.Single(await f.Store.GetAlarmsAsync(agent.AgentId, activeOnly: true, 10));
        await agent.Watch!.Alarms.AcknowledgeAsync(alarm.Id, "line3.lead", "on it");
        f.Clock.Advance(TimeSpan.FromDays(1));
        await agent.DecideAsync([Case("p4", 1)]);
        Assert.Single(await f.Store.GetAlarmsAsync(agent.AgentId, activeOnly: true, 10));
        await agent.Watch.Alarms.ResolveAsync(alarm.Id, "line3.lead", "parts re-checked");
        Assert.Empty(await f.Store.GetAlarmsAsync(agent.AgentId, activeOnly: true, 10));
    }

    [Fact]
    public async Task AccuracyBreachThatDemotes_PagesTheOwnerOnceWithTheWindowAsEvidence()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartWatchedAsync(Stage.ProductionOwned, Monitoring);
        await agent.DecideAsync([.. Enumerable.Range(0, 10).Select(i => Case($"p{i}", 0))]);
        await agent.RecordOutcomesAsync([.. Enumerable.Range(0, 10).Select(i => Qc($"p{i}", i < 2 ? "scrap" : "accept", f.Clock.GetUtcNow()))]);

        Assert.Equal(Stage.AutoWithExceptions, agent.Stage);
        var page = Assert.Single(f.Pager.Pages, p => p.Rule == AlarmRules.SloAlertLine);
        Assert.Equal("0.8000", page.Evidence["rolling_accuracy"]);
        Assert.Equal("p0", page.Evidence["first_case"]);
    }

    [Fact]
    public async Task AccuracyUnderTheLineOnShadow_IsPromotionEvidenceNotAPage()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartWatchedAsync(Stage.Shadow, Monitoring);
        await agent.DecideAsync([.. Enumerable.Range(0, 10).Select(i => Case($"p{i}", 0))]);
        await agent.RecordOutcomesAsync([.. Enumerable.Range(0, 10).Select(i => new Outcome($"p{i}", OutcomeSource.HumanAction, i < 5 ? "scrap" : "accept", f.Clock.GetUtcNow(), "op"))]);
        Assert.DoesNotContain(f.Pager.Pages, p => p.Rule == AlarmRules.SloAlertLine);
    }

    [Fact]
    public async Task BadValuesTooOften_RaisesADataQualityAlarmForThatInputAndClearsAfterTheHysteresis()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartWatchedAsync(Stage.Shadow, Monitoring);
        // 500 cases (the monitor's quality window), one in ten with an implausible value on the optional confidence input.
        var cases = Enumerable.Range(0, 500).Select(i => Case($"p{i}", 0) with
        {
            Values = new Dictionary<string, double?> { ["answer"] = 0, ["confidence"] = i % 10 == 0 ? 5 : 0.99 },
        }).ToList();
        await agent.DecideAsync(cases);
        var page = Assert.Single(f.Pager.Pages, p => p.Rule == AlarmRules.DataQuality);
        Assert.Equal("0.1000", page.Evidence["bad_rate"]);
        Assert.Contains("confidence", page.Title, StringComparison.Ordinal);

        // Clean data again: the alarm resolves itself only after an hour of clean checks.
        await agent.DecideAsync([.. Enumerable.Range(0, 500).Select(i => Case($"q{i}", 0))]);
        Assert.DoesNotContain(f.Pager.Pages, p => p.Kind == PageKind.Resolved);
        f.Clock.Advance(TimeSpan.FromMinutes(61));
        await agent.DecideAsync([Case("r1", 0)]);
        Assert.Single(f.Pager.Pages, p => p.Kind == PageKind.Resolved && p.Rule == AlarmRules.DataQuality);
    }

    [Fact]
    public async Task InputShiftedFromTheReference_RaisesOneDriftAlarmNamingTheFeatureAndTheTest()
    {
        await using var f = new RuntimeFixture();
        var random = new Random(5);
        var reference = ReferenceProfile.Build("scripted-1", [.. Enumerable.Range(0, 5000).Select(_ => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>
        {
            ["value"] = random.NextDouble() * 10 - 5,
        })]);
        var agent = await f.StartWatchedAsync(Stage.Shadow, Monitoring, reference);
        await agent.DecideAsync([.. Enumerable.Range(0, 100).Select(i => Case($"a{i}", 0, value: random.NextDouble() * 10 - 5))]);
        Assert.DoesNotContain(f.Pager.Pages, p => p.Rule == AlarmRules.InputDrift);

        await agent.DecideAsync([.. Enumerable.Range(0, 100).Select(i => Case($"b{i}", 0, value: random.NextDouble() * 10 + 3))]);
        var page = Assert.Single(f.Pager.Pages, p => p.Rule == AlarmRules.InputDrift);
        Assert.Equal("value", page.Evidence["feature"]);
        Assert.Equal("KolmogorovSmirnov", page.Evidence["test"]);
    }

    [Fact]
    public async Task Status_IsSavedForTheCommandLineAndReadsBack()
    {
        await using var f = new RuntimeFixture();
        var agent = await f.StartWatchedAsync(Stage.AutoWithExceptions, Monitoring);
        await agent.DecideAsync([Case("p1", 0), Case("p2", 0, confidence: 0.3)]);
        var saved = await f.Store.GetAgentStatusAsync(agent.AgentId);
        Assert.NotNull(saved);
        var snapshot = JsonSerializer.Deserialize(saved.Value.Json, MonitorSnapshotContext.Default.MonitorSnapshot)!;
        Assert.Equal(2, snapshot.Decisions);
        Assert.Equal(0.5, snapshot.ExceptionRate);
        Assert.Equal(1, snapshot.Queue.Open);
        Assert.Equal("AutoWithExceptions", snapshot.Stage);
    }

    [Fact]
    public async Task DailySummary_IsSentOnceAtTheSiteMorningAndCanBeAcknowledged()
    {
        await using var f = new RuntimeFixture();
        // 2026-03-02 07:00Z is 08:00 in Berlin: past the summary hour, so the first check sends Sunday's summary.
        var agent = await f.StartWatchedAsync(Stage.Shadow, Monitoring);
        await agent.DecideAsync([Case("p1", 0)]);
        await agent.DecideAsync([Case("p2", 0)]);
        var page = Assert.Single(f.Pager.Pages, p => p.Kind == PageKind.DailySummary);
        Assert.Equal("line3.lead", page.Recipient);
        Assert.Equal("2026-03-01", page.Evidence["day"]);
        var summary = Assert.Single(await f.Store.GetDailySummariesAsync(agent.AgentId, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        Assert.Null(summary.AcknowledgedAt);
        Assert.True(await f.Store.AcknowledgeDailySummaryAsync(agent.AgentId, summary.Day, "line3.lead", f.Clock.GetUtcNow()));
    }
}
