using Rung.Core.Alarms;
using Rung.Runtime.Notifications;
using Rung.Server.Hosting;
using Rung.Storage.Audit;
using Rung.Storage.Leases;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Storage.Tests.Jobs;

/// <summary>The escalation sweep: an open alarm is escalated on time with no cases arriving, once across instances.</summary>
public sealed class AlarmEscalationSweepTests : IDisposable
{
    private const string AgentId = "line3-quality";
    private static readonly DateTimeOffset OneAm = new(2026, 3, 3, 1, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new(OneAm);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_open_alarm_escalates_at_two_in_the_morning_without_traffic_and_only_once_across_two_instances()
    {
        await using var a = await SqliteRungStore.OpenAsync(_folder.File("rung.db"), _time);
        await using var b = await SqliteRungStore.OpenAsync(_folder.File("rung.db"), _time);
        var useCase = UseCaseLoader.Load(UseCaseYaml, "line3.yaml").Definition;
        await a.EnsureAgentAsync(TestJournal.Agent(AgentId), TestJournal.Initial(AgentId));
        await a.SaveAlarmsAsync([new Alarm("A1", AgentId, "slo.alert_line", "slo:accuracy", AlarmSeverity.Warning, "Accuracy below the alert line", new Dictionary<string, string>(), "Check the labels.", "line3.lead", OneAm)]);
        var instances = new[] { (a, "server-a"), (b, "server-b") }
            .Select(x => (Lease: new BackgroundLease(x.Item1, x.Item2, TimeSpan.FromMinutes(3)), Sweep: new AlarmEscalationSweep(x.Item1, [useCase], new Notifier([new FileChannel(_folder.File(x.Item2 + "-pages.jsonl"))]), _time)))
            .ToList();

        async Task<int> RoundAsync()
        {
            var escalated = 0;
            foreach (var (lease, sweep) in instances)
            {
                if (await lease.TryRunAsync(AlarmEscalationSweep.LeaseName))
                {
                    escalated += (await sweep.RunAsync()).Count;
                }
            }

            return escalated;
        }

        _time.SetUtcNow(OneAm.AddMinutes(20));
        Assert.Equal(0, await RoundAsync());
        Assert.Null((await a.GetAlarmAsync("A1"))!.EscalatedAt);

        _time.SetUtcNow(OneAm.AddHours(1));
        Assert.Equal(1, await RoundAsync());
        _time.SetUtcNow(OneAm.AddHours(1).AddMinutes(1));
        Assert.Equal(0, await RoundAsync());

        var alarm = (await b.GetAlarmAsync("A1"))!;
        Assert.Equal(("plant.duty", OneAm.AddHours(1)), (alarm.EscalatedTo, alarm.EscalatedAt));
        Assert.Equal(AlarmState.Open, alarm.State);
        var audit = Assert.Single(await a.GetAuditEntriesAsync(new AuditQuery(RecordType: "alarm", RecordId: "A1")));
        Assert.Equal((AlarmEscalationSweep.AuditAction, "system"), (audit.Action, audit.Actor));
        var page = Assert.Single(File.ReadAllLines(_folder.File("server-a-pages.jsonl")));
        Assert.Contains("plant.duty", page, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("server-b-pages.jsonl")));
        Assert.Equal("server-a", (await b.GetLeaseAsync(AlarmEscalationSweep.LeaseName))?.Holder);
    }

    [Fact]
    public async Task An_acknowledged_alarm_or_a_use_case_without_a_backup_escalates_nothing()
    {
        await using var store = await SqliteRungStore.OpenAsync(_folder.File("rung.db"), _time);
        await store.EnsureAgentAsync(TestJournal.Agent(AgentId), TestJournal.Initial(AgentId));
        var open = new Alarm("A1", AgentId, "slo.alert_line", "slo:accuracy", AlarmSeverity.Warning, "Accuracy below the alert line", new Dictionary<string, string>(), "", "line3.lead", OneAm);
        await store.SaveAlarmsAsync([open, open with { Id = "A2", Key = "drift", State = AlarmState.Acknowledged, AcknowledgedBy = "line3.lead", AcknowledgedAt = OneAm }]);
        _time.SetUtcNow(OneAm.AddHours(2));
        var notifier = new Notifier([new FileChannel(_folder.File("pages.jsonl"))]);

        var withoutBackup = UseCaseLoader.Load(UseCaseYaml.Replace("    backup_owner: plant.duty\n", string.Empty, StringComparison.Ordinal), "line3.yaml").Definition;
        Assert.Empty(await new AlarmEscalationSweep(store, [withoutBackup], notifier, _time).RunAsync());

        var escalated = await new AlarmEscalationSweep(store, [UseCaseLoader.Load(UseCaseYaml, "line3.yaml").Definition], notifier, _time).RunAsync();
        Assert.Equal("A1", Assert.Single(escalated).Id);
    }

    private const string UseCaseYaml = """
        usecase: { id: line3-uc, name: Line 3 quality }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: line3-quality
          scope: acme/dortmund/machining/line3
          initial_stage: Shadow
          model: { kind: in_process, version: "softmax-1", command: model.json }
          inputs:
            - { name: x, unit: mm, min: 0, max: 10 }
          actions:
            - { name: accept, severity: Low }
            - { name: scrap, severity: Low }
          default_action: accept
          slo: { window: 10, accuracy_floor: 0.92, alert_line: 0.9 }
          monitoring:
            backup_owner: plant.duty
            escalate_after: 30m

        """;
}
