using Rung.Governance.Conduits;
using Rung.Governance.Identity;
using Rung.Storage.Audit;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Governance.Tests.Conduits;

public sealed class RefusedFlowAlarmsTests
{
    private static readonly FlowRefusal Refusal = new("line4-cell", "plant-core", "mqtts", "broker.plant.local:8883", "edge:edge-4", "no conduit is declared");

    [Fact]
    public async Task Raise_SameFlowRepeatedWithinPeriod_OneAlarmOneAuditEntry()
    {
        using var folder = new TempDirectory();
        var time = new ManualTimeProvider();
        await using var store = await SqliteRungStore.OpenAsync(folder.File("edge.db"), time);
        var alarms = new RefusedFlowAlarms(store, store, "ot.security", time) { Period = TimeSpan.FromMinutes(15) };

        Assert.True(await alarms.RaiseAsync(Refusal));
        for (var i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.False(await alarms.RaiseAsync(Refusal));
        }

        var raised = await store.GetAlarmsAsync(StoreSecurityAlarms.AgentId, activeOnly: true, 100);
        var alarm = Assert.Single(raised);
        Assert.Equal(RefusedFlowAlarms.Rule, alarm.Rule);
        Assert.Equal("ot.security", alarm.Owner);
        Assert.Contains("line4-cell -> plant-core", alarm.Title, StringComparison.Ordinal);
        Assert.Equal("edge:edge-4", alarm.Evidence["actor"]);
        var audited = await store.GetAuditEntriesAsync(new AuditQuery(RecordType: "conduit"));
        var entry = Assert.Single(audited);
        Assert.Equal("refuse", entry.Action);
        Assert.Equal("edge:edge-4", entry.Actor);
    }

    [Fact]
    public async Task Raise_AfterThePeriod_AuditedAgainAndCountsTheSuppressed()
    {
        using var folder = new TempDirectory();
        var time = new ManualTimeProvider();
        await using var store = await SqliteRungStore.OpenAsync(folder.File("rung.db"), time);
        var alarms = new RefusedFlowAlarms(store, store, "security", time) { Period = TimeSpan.FromMinutes(15) };
        await alarms.RaiseAsync(Refusal);
        var first = Assert.Single(await store.GetAlarmsAsync(StoreSecurityAlarms.AgentId, activeOnly: true, 10));
        await store.SaveAlarmsAsync([first with { State = Rung.Core.Alarms.AlarmState.Resolved, ResolvedBy = "ot.security", ResolvedAt = time.GetUtcNow() }]);
        await alarms.RaiseAsync(Refusal);
        await alarms.RaiseAsync(Refusal);

        time.Advance(TimeSpan.FromMinutes(15));
        Assert.True(await alarms.RaiseAsync(Refusal));

        Assert.Equal(2, (await store.GetAuditEntriesAsync(new AuditQuery(RecordType: "conduit"))).Count);
        var second = Assert.Single(await store.GetAlarmsAsync(StoreSecurityAlarms.AgentId, activeOnly: true, 10));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("3", second.Evidence["refused_since_last_alarm"]);
    }

    [Fact]
    public async Task Raise_DifferentFlows_EachAlarmed()
    {
        using var folder = new TempDirectory();
        var time = new ManualTimeProvider();
        await using var store = await SqliteRungStore.OpenAsync(folder.File("rung.db"), time);
        var alarms = new RefusedFlowAlarms(store, store, "security", time);

        Assert.True(await alarms.RaiseAsync(Refusal));
        Assert.True(await alarms.RaiseAsync(Refusal with { Endpoint = "broker.plant.local:1883", Protocol = "mqtt" }));

        Assert.Equal(2, (await store.GetAlarmsAsync(StoreSecurityAlarms.AgentId, activeOnly: true, 10)).Count);
    }

    [Fact]
    public async Task Raise_MoreDistinctFlowsThanTheLimit_FurtherFlowsShareOneAlarm()
    {
        using var folder = new TempDirectory();
        var time = new ManualTimeProvider();
        await using var store = await SqliteRungStore.OpenAsync(folder.File("rung.db"), time);
        var alarms = new RefusedFlowAlarms(store, store, "security", time) { MaxFlows = 2 };

        for (var i = 0; i < 10; i++)
        {
            await alarms.RaiseAsync(Refusal with { Endpoint = $"host-{i}:443" });
        }

        var raised = await store.GetAlarmsAsync(StoreSecurityAlarms.AgentId, activeOnly: true, 100);
        Assert.Equal(3, raised.Count);
        Assert.Contains(raised, a => a.Key == RefusedFlowAlarms.Rule + ":more-flows" && a.Evidence["reason"].Contains("more than 2 distinct flows", StringComparison.Ordinal));
        Assert.Equal(3, (await store.GetAuditEntriesAsync(new AuditQuery(RecordType: "conduit"))).Count);
    }
}
