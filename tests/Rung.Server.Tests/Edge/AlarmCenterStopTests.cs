using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Edge.Forwarding;
using Rung.Runtime.Monitoring;
using Rung.Runtime.Notifications;
using Rung.Server.Tests.Api;
using Rung.Storage.Audit;
using Rung.Storage.Edge;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Server.Tests.Edge;

/// <summary>The server's own alarms (<see cref="AlarmCenter"/>) stop an agent on the rules its <c>stop_on</c> lists.</summary>
public sealed class AlarmCenterStopTests
{
    private const string Agent = "line3-auto";

    [Fact]
    public async Task ListedRule_NewAlarm_AppendsOneAuditedStop_RepeatsAndUnlistedRulesAppendNone_ResolvingRestartsNothing()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider();
        await using var store = await SqliteRungStore.OpenAsync(dir.File("rung.db"), clock);
        var useCase = UseCaseLoader.Load(ApiFixture.UseCaseYaml(Agent, "AutoWithExceptions", ApiFixture.Line3, "  monitoring: { stop_on: [model.failure, drift.*] }"), "auto.yaml").Definition;
        await EdgeIngest.EnsureAgentAsync(store, new EdgeConfigRecord(Agent, ApiFixture.Line3, 1, "", clock.GetUtcNow(), "test"), Stage.AutoWithExceptions, clock.GetUtcNow());
        var center = new AlarmCenter(useCase, store, new Notifier([new FileChannel(dir.File("pages.jsonl"))]), clock);

        var raised = await center.EvaluateAsync([Condition(AlarmRules.ModelFailure, "model")]);
        await center.EvaluateAsync([Condition(AlarmRules.ModelFailure, "model")]);
        await center.EvaluateAsync([Condition(AlarmRules.Latency, "latency")]);

        var alarm = Assert.Single(raised, e => e.Event.Kind == AlarmEventKind.Raised).Event.Alarm;
        var stop = Assert.Single(await store.GetStopsAsync(0));
        Assert.Equal(("agent:" + Agent, true, "alarm:model.failure", "alarm"), (stop.Scope, stop.Stopped, stop.Actor, stop.Origin));
        Assert.Equal($"alarm {alarm.Id} model.failure: {alarm.Title}", stop.Reason);
        Assert.Contains($"stop switch event {stop.Id}", (await store.GetAlarmAsync(alarm.Id))!.Evidence[AlarmStops.StopKey], StringComparison.Ordinal);
        Assert.Contains("stop switch event", await File.ReadAllTextAsync(dir.File("pages.jsonl")), StringComparison.Ordinal);
        var entry = Assert.Single(await store.GetAuditEntriesAsync(new AuditQuery(RecordType: "stop_switch")));
        Assert.Equal(("alarm:model.failure", "agent:" + Agent, "stop"), (entry.Actor, entry.RecordId, entry.Action));

        // A family entry matches its rules; closing the alarm restarts nothing.
        await center.EvaluateAsync([Condition(AlarmRules.InputDrift, "x")]);
        await center.ResolveAsync(alarm.Id, "line3.lead", "model process replaced");
        Assert.Equal([("alarm:model.failure", true), ("alarm:drift.input", true)], (await store.GetStopsAsync(0)).Select(s => (s.Actor, s.Stopped)));
    }

    [Fact]
    public async Task NoStopOn_RaisesAlarms_StopsNothing()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider();
        await using var store = await SqliteRungStore.OpenAsync(dir.File("rung.db"), clock);
        var useCase = UseCaseLoader.Load(ApiFixture.UseCaseYaml(Agent, "AutoWithExceptions", ApiFixture.Line3), "auto.yaml").Definition;
        await EdgeIngest.EnsureAgentAsync(store, new EdgeConfigRecord(Agent, ApiFixture.Line3, 1, "", clock.GetUtcNow(), "test"), Stage.AutoWithExceptions, clock.GetUtcNow());
        var center = new AlarmCenter(useCase, store, new Notifier([new FileChannel(dir.File("pages.jsonl"))]), clock);

        var events = await center.EvaluateAsync([Condition(AlarmRules.ModelFailure, "model")]);

        Assert.Contains(events, e => e.Event.Kind == AlarmEventKind.Raised);
        Assert.Empty(await store.GetStopsAsync(0));
    }

    private static AlarmCondition Condition(string rule, string subject) =>
        new(rule, subject, true, AlarmSeverity.Critical, $"{rule} on {subject}", new Dictionary<string, string>(), ClearsItself: false);
}
