using Rung.Core.Alarms;

namespace Rung.Core.Tests.Alarms;

public sealed class AlarmBookTests
{
    private static readonly AlarmPolicy Policy = new(
        "line3.lead", "plant.duty", TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
        new Dictionary<string, string> { ["slo.alert_line"] = "Line lead checks the last 100 cases within 1 h; below 85 % pause the agent." });

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static AlarmCondition Accuracy(bool active) =>
        new("slo.alert_line", string.Empty, active, AlarmSeverity.Critical, "rolling accuracy under the alert line", new Dictionary<string, string> { ["rolling_accuracy"] = "0.88" });

    private static AlarmCondition Drift(string feature, bool active) =>
        new("drift.input", feature, active, AlarmSeverity.Warning, $"{feature} drifted", new Dictionary<string, string>());

    /// <summary>Runs the book the way the runtime does: the store holds the active alarms between evaluations.</summary>
    private sealed class Harness
    {
        private int _ids;

        public Dictionary<string, Alarm> Store { get; } = [];

        public List<AlarmEvent> Evaluate(DateTimeOffset now, params AlarmCondition[] conditions) =>
            Apply(AlarmBook.Evaluate(Policy, "a1", [.. Store.Values.Where(a => a.IsActive)], conditions, now, () => $"alarm-{++_ids}"));

        public List<AlarmEvent> Escalate(DateTimeOffset now) => Apply(AlarmBook.Escalate(Policy, [.. Store.Values.Where(a => a.IsActive)], now));

        public List<AlarmEvent> Apply(IReadOnlyList<AlarmEvent> events)
        {
            foreach (var e in events)
            {
                Store[e.Alarm.Id] = e.Alarm;
            }

            return [.. events];
        }
    }

    [Fact]
    public void Evaluate_ConditionHoldingRepeatedly_RaisesOneAlarmWithRunbookAndOwner()
    {
        var h = new Harness();
        var raised = Assert.Single(h.Evaluate(T0, Accuracy(true)));
        Assert.Equal(AlarmEventKind.Raised, raised.Kind);
        Assert.Equal("line3.lead", raised.Recipient);
        Assert.StartsWith("Line lead checks", raised.Alarm.Runbook, StringComparison.Ordinal);
        Assert.Equal("0.88", raised.Alarm.Evidence["rolling_accuracy"]);
        for (var i = 1; i <= 50; i++)
        {
            Assert.Empty(h.Evaluate(T0.AddMinutes(i), Accuracy(true)));
        }

        Assert.Single(h.Store.Values);
    }

    [Fact]
    public void Evaluate_DifferentSubjects_AreDifferentAlarms()
    {
        var h = new Harness();
        var events = h.Evaluate(T0, Drift("spindle_temp", true), Drift("vibration_rms", true), Drift("torque", false));
        Assert.Equal(["drift.input:spindle_temp", "drift.input:vibration_rms"], events.Select(e => e.Alarm.Key));
        Assert.Equal(string.Empty, events[0].Alarm.Runbook);
    }

    [Fact]
    public void Evaluate_ConditionClears_ResolvesOnlyAfterStayingClearForTheHysteresis()
    {
        var h = new Harness();
        h.Evaluate(T0, Accuracy(true));
        Assert.Equal(AlarmEventKind.Updated, Assert.Single(h.Evaluate(T0.AddMinutes(10), Accuracy(false))).Kind);
        Assert.Empty(h.Evaluate(T0.AddMinutes(69), Accuracy(false)));

        // It flickers back before the hour is up: same alarm, clock restarts, nothing new raised.
        Assert.Equal(AlarmEventKind.Updated, Assert.Single(h.Evaluate(T0.AddMinutes(69.5), Accuracy(true))).Kind);
        h.Evaluate(T0.AddMinutes(70), Accuracy(false));
        Assert.Empty(h.Evaluate(T0.AddMinutes(129), Accuracy(false)));
        var resolved = Assert.Single(h.Evaluate(T0.AddMinutes(130), Accuracy(false)));
        Assert.Equal(AlarmEventKind.Resolved, resolved.Kind);
        Assert.Equal("system", resolved.Alarm.ResolvedBy);
        Assert.Single(h.Store.Values);

        // Holding again after resolution is a new alarm.
        Assert.Equal(AlarmEventKind.Raised, Assert.Single(h.Evaluate(T0.AddMinutes(131), Accuracy(true))).Kind);
        Assert.Equal(2, h.Store.Count);
    }

    [Fact]
    public void Escalate_UnacknowledgedAfterTheDelay_PagesTheBackupOnce()
    {
        var h = new Harness();
        h.Evaluate(T0, Accuracy(true));
        Assert.Empty(h.Escalate(T0.AddMinutes(29)));
        var escalated = Assert.Single(h.Escalate(T0.AddMinutes(30)));
        Assert.Equal("plant.duty", escalated.Recipient);
        Assert.Equal(AlarmEventKind.Escalated, escalated.Kind);
        Assert.Empty(h.Escalate(T0.AddMinutes(90)));
    }

    [Fact]
    public void Escalate_AcknowledgedInTime_DoesNotPageTheBackup()
    {
        var h = new Harness();
        var alarm = h.Evaluate(T0, Accuracy(true))[0].Alarm;
        var ack = h.Apply([AlarmBook.Acknowledge(alarm, "line3.lead", "looking at it", T0.AddMinutes(5))])[0];
        Assert.Equal(AlarmState.Acknowledged, ack.Alarm.State);
        Assert.Empty(h.Escalate(T0.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => AlarmBook.Acknowledge(ack.Alarm, "someone", null, T0.AddMinutes(6)));
    }

    [Fact]
    public void Resolve_ByAPerson_NeedsACommentAndEndsTheAlarm()
    {
        var h = new Harness();
        var alarm = h.Evaluate(T0, Accuracy(true))[0].Alarm;
        Assert.Throws<ArgumentException>(() => AlarmBook.Resolve(alarm, "line3.lead", " ", T0));
        var resolved = AlarmBook.Resolve(alarm, "line3.lead", "tool changed, accuracy back", T0.AddMinutes(20));
        Assert.Equal(AlarmState.Resolved, resolved.Alarm.State);
        Assert.Throws<InvalidOperationException>(() => AlarmBook.Resolve(resolved.Alarm, "line3.lead", "again", T0.AddMinutes(21)));
    }

    [Fact]
    public void Escalate_WithoutABackup_IsSkipped()
    {
        var alarm = AlarmBook.Evaluate(Policy with { Backup = null }, "a1", [], [Accuracy(true)], T0, () => "x")[0].Alarm;
        Assert.Empty(AlarmBook.Escalate(Policy with { Backup = null }, [alarm], T0.AddDays(1)));
    }

    [Fact]
    public void Evaluate_ConditionThatDoesNotClearItself_WaitsForAPerson()
    {
        var h = new Harness();
        var error = new AlarmCondition("slo.high_severity", string.Empty, true, AlarmSeverity.Critical, "high-severity error", new Dictionary<string, string>(), ClearsItself: false);
        h.Evaluate(T0, error);
        Assert.Empty(h.Evaluate(T0.AddDays(2), error with { Active = false }));
        Assert.Equal(AlarmState.Open, Assert.Single(h.Store.Values).State);
    }
}
