using Rung.Core.Alarms;
using Rung.Storage.Journal;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    private static Alarm NewAlarm(string id, string key = "slo.alert_line", DateTimeOffset? at = null) => new(
        id, AgentId, key.Split(':')[0], key, AlarmSeverity.Critical, "rolling accuracy under the alert line",
        new Dictionary<string, string> { ["rolling_accuracy"] = "0.88", ["window"] = "100" }, "Check the tool.", "line3.lead", at ?? T0);

    [Fact]
    public async Task SaveAlarmsAsync_round_trips_every_field_through_its_life()
    {
        await CreateAgentAsync();
        var raised = NewAlarm("a1");
        await Store.SaveAlarmsAsync([raised]);
        Assert.Equal(raised with { Evidence = raised.Evidence }, await Store.GetAlarmAsync("a1"), AlarmComparer.Instance);

        var later = raised with
        {
            State = AlarmState.Resolved,
            AcknowledgedBy = "line3.lead",
            AcknowledgedAt = T0.AddMinutes(5),
            EscalatedTo = "plant.duty",
            EscalatedAt = T0.AddMinutes(30),
            ResolvedBy = "system",
            ResolvedAt = T0.AddHours(2),
            Comment = "condition clear",
            ConditionClearSince = T0.AddHours(1),
        };
        await Store.SaveAlarmsAsync([later]);
        await ReopenAsync();
        Assert.Equal(later, await Store.GetAlarmAsync("a1"), AlarmComparer.Instance);
        Assert.Empty(await Store.GetAlarmsAsync(AgentId, activeOnly: true, 10));
        Assert.Single(await Store.GetAlarmsAsync(null, activeOnly: false, 10));
    }

    [Fact]
    public async Task SaveAlarmsAsync_second_active_alarm_for_a_condition_is_refused_and_nothing_stored()
    {
        await CreateAgentAsync();
        await Store.SaveAlarmsAsync([NewAlarm("a1")]);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SaveAlarmsAsync([NewAlarm("a2", "drift.input:x"), NewAlarm("a3")]));
        Assert.Contains("slo.alert_line", ex.Message, StringComparison.Ordinal);
        Assert.Single(await Store.GetAlarmsAsync(AgentId, activeOnly: false, 10));

        // Once the first is resolved the condition may raise again.
        await Store.SaveAlarmsAsync([NewAlarm("a1") with { State = AlarmState.Resolved, ResolvedBy = "x", ResolvedAt = T0 }, NewAlarm("a3", at: T0.AddHours(1))]);
        Assert.Equal(["a3", "a1"], (await Store.GetAlarmsAsync(AgentId, activeOnly: false, 10)).Select(a => a.Id));
    }

    [Fact]
    public async Task DailySummaries_are_sent_once_per_day_and_acknowledged_once()
    {
        await CreateAgentAsync();
        var day = new DateOnly(2026, 3, 2);
        Assert.True(await Store.AppendDailySummaryAsync(new DailySummary(AgentId, day, T0, "line3.lead", "1,850 cases, accuracy 95.1 %")));
        Assert.False(await Store.AppendDailySummaryAsync(new DailySummary(AgentId, day, T0.AddHours(1), "line3.lead", "again")));
        Assert.True(await Store.AcknowledgeDailySummaryAsync(AgentId, day, "line3.lead", T0.AddHours(2)));
        Assert.False(await Store.AcknowledgeDailySummaryAsync(AgentId, day, "line3.lead", T0.AddHours(3)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AcknowledgeDailySummaryAsync(AgentId, day.AddDays(1), "line3.lead", T0));

        var summaries = await Store.GetDailySummariesAsync(AgentId, day.AddDays(-1), day.AddDays(1));
        var summary = Assert.Single(summaries);
        Assert.Equal("1,850 cases, accuracy 95.1 %", summary.Body);
        Assert.Equal(T0.AddHours(2), summary.AcknowledgedAt);
    }

    /// <summary>Records with dictionaries compare by reference; alarms compare by value here.</summary>
    private sealed class AlarmComparer : IEqualityComparer<Alarm?>
    {
        public static readonly AlarmComparer Instance = new();

        public bool Equals(Alarm? x, Alarm? y) =>
            x is not null && y is not null && x with { Evidence = EmptyEvidence } == y with { Evidence = EmptyEvidence }
            && x.Evidence.OrderBy(e => e.Key).SequenceEqual(y.Evidence.OrderBy(e => e.Key));

        public int GetHashCode(Alarm? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;

        private static readonly Dictionary<string, string> EmptyEvidence = [];
    }
}
