using System.Text.Json;
using Rung.Core.Alarms;
using Rung.Core.Cases;
using Rung.Core.Exceptions;
using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Runtime.Monitoring;
using Rung.Storage;
using Rung.Storage.Journal;

namespace Rung.Server.Tests;

/// <summary>A small journal: one agent on ApproveEach with drafts, one exception, one alarm and a monitor snapshot.</summary>
internal static class SeedData
{
    public const string Agent = "line3-quality";

    /// <summary>An agent on the neighbouring line, with one draft: people zoned to line3 see it but may not decide it.</summary>
    public const string Line4Agent = "line4-quality";

    public static async Task WriteAsync(IRungStore store, DateTimeOffset now)
    {
        var created = now.AddDays(-3);
        await store.EnsureAgentAsync(
            new AgentRecord(Agent, "scrap-or-rework", "acme/berlin/press/line3", Stage.Shadow, created, """{"name":"Scrap or rework","owner":"olga.owner"}"""),
            new StageChange(Agent, Stage.Shadow, Stage.Shadow, StageChangeKind.Initial, created, "system", "agent created", new Dictionary<string, string>()));
        await store.AppendStageChangeAsync(new StageChange(Agent, Stage.Shadow, Stage.ApproveEach, StageChangeKind.Promotion, now.AddDays(-1), "olga.owner", "criteria met", new Dictionary<string, string>()));
        var batch = new List<DecisionRecord>();
        foreach (var id in new[] { "case-001", "case-002", "case-003", "case-004" })
        {
            batch.Add(Decision(id, now.AddMinutes(-30), Disposition.PendingApproval, null));
        }

        batch.Add(Decision("case-900", now.AddMinutes(-20), Disposition.Excepted, new ExceptionItem("case-900", Agent, "confidence 0.41 under 0.80", now.AddMinutes(-20), now.AddHours(4))));
        await store.AppendDecisionsAsync(batch);
        await store.EnsureAgentAsync(
            new AgentRecord(Line4Agent, "scrap-or-rework", "acme/berlin/press/line4", Stage.ApproveEach, created, """{"name":"Scrap or rework, line 4","owner":"olga.owner"}"""),
            new StageChange(Line4Agent, Stage.ApproveEach, Stage.ApproveEach, StageChangeKind.Initial, created, "system", "agent created", new Dictionary<string, string>()));
        await store.AppendDecisionsAsync([Decision("case-401", now.AddMinutes(-25), Disposition.PendingApproval, null, Line4Agent)]);
        await store.SaveAlarmsAsync([Alarm("alarm-1", "drift.input:spindle_temp", "spindle_temp drifted", now.AddMinutes(-5))]);
        var snapshot = new MonitorSnapshot(
            Agent, now, "ApproveEach", 500, 0.94, 100, "Healthy",
            new Dictionary<string, double>(), new Dictionary<string, double>(), null, 0.9, new Dictionary<string, int>(), 0.05, 0.0,
            new QueueStatus(1, 0, 0, TimeSpan.FromMinutes(20)), 0.4, 1.2, 2.5, 12,
            new Dictionary<string, double> { ["spindle_temp"] = 0.01, ["vibration"] = 0 },
            [new DriftLine("spindle_temp", "KolmogorovSmirnov", 0.31, 0.001, 0.27, true), new DriftLine("vibration", "KolmogorovSmirnov", 0.02, 0.8, 0.01, false)],
            0);
        await store.SaveAgentStatusAsync(Agent, now, JsonSerializer.Serialize(snapshot, MonitorSnapshotContext.Default.MonitorSnapshot));
    }

    public static Alarm Alarm(string id, string key, string title, DateTimeOffset at) =>
        new(id, Agent, key.Split(':')[0], key, AlarmSeverity.Warning, title, new Dictionary<string, string> { ["psi"] = "0.27" }, "Check the spindle thermocouple, then call the ML engineer.", "olga.owner", at);

    private static DecisionRecord Decision(string id, DateTimeOffset at, Disposition disposition, ExceptionItem? item, string agent = Agent) =>
        new(
            new Case(id, agent, at, new FeatureVector(new Dictionary<string, double> { ["spindle_temp"] = 71.5, ["vibration"] = 0.12 })),
            new Proposal(new ProposedAction("scrap"), 0.91, false, Severity.Medium, [new FeatureContribution("spindle_temp", 0.6), new FeatureContribution("vibration", 0.2)], "v1", TimeSpan.FromMilliseconds(2)),
            Stage.ApproveEach,
            new PolicyDecision(disposition, disposition == Disposition.Excepted ? ["confidence 0.41 under 0.80"] : []),
            at,
            item);
}
