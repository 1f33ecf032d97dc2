using System.Globalization;
using System.Text.Json;
using Rung.Core.Alarms;
using Rung.Core.Approvals;
using Rung.Core.Calendar;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Slo;
using Rung.Core.UseCases;
using Rung.Runtime.Notifications;
using Rung.Storage;
using Rung.Storage.Journal;

namespace Rung.Runtime.Monitoring;

/// <summary>
/// The end of the path of a case: metrics and drift sketches, then alarms, and once a day the owner's summary.
/// The runtime hands it what it decided and learned; it checks the conditions at most once per
/// <see cref="CheckEvery"/> of clock time (at once when a high-severity error arrives), so monitoring stays a
/// small share of the decision path.
/// </summary>
public sealed class AgentWatch
{
    /// <summary>The local hour at which the daily summary of the previous day is sent.</summary>
    public const int SummaryHour = 7;

    private readonly UseCaseDefinition _useCase;
    private readonly IRungStore _store;
    private readonly TimeProvider _time;
    private DateTimeOffset _lastCheck = DateTimeOffset.MinValue;
    private SloBreach? _pendingBreach;
    private DateOnly? _summarySentFor;

    /// <summary>Creates the watch of one agent.</summary>
    public AgentWatch(UseCaseDefinition useCase, AgentMonitor monitor, AlarmCenter alarms, IRungStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        _useCase = useCase;
        Monitor = monitor;
        Alarms = alarms;
        _store = store;
        _time = time;
    }

    /// <summary>How often conditions are checked, in clock time. Default one minute.</summary>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The metrics and drift.</summary>
    public AgentMonitor Monitor { get; }

    /// <summary>The alarms.</summary>
    public AlarmCenter Alarms { get; }

    /// <summary>Alarm events of the latest check, with their delivery reports.</summary>
    public IReadOnlyList<(AlarmEvent Event, NotificationReport? Report)> LastEvents { get; private set; } = [];

    /// <summary>Observes decisions just journalled.</summary>
    public void Decided(IReadOnlyList<DecisionRecord> records) => Monitor.ObserveDecisions(records);

    /// <summary>Observes a label that counted in the SLO; an SLO breach pages at the next <see cref="CheckAsync"/> whatever the interval.</summary>
    public void Judged(DecisionRecord decision, Judgement judgement, SloBreach? breach)
    {
        Monitor.ObserveJudgement(decision, judgement);
        if (breach is not null)
        {
            _pendingBreach = breach;
        }
    }

    /// <summary>Observes approvers' verdicts.</summary>
    public void Verdicts(IReadOnlyList<Approval> approvals) => Monitor.ObserveVerdicts(approvals);

    /// <summary>Checks the conditions when due: raises, escalates and clears alarms, saves the status, sends the daily summary.</summary>
    public async Task CheckAsync(Stage stage, SloStatus slo, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (now - _lastCheck < CheckEvery && _pendingBreach is null)
        {
            LastEvents = [];
            return;
        }

        _lastCheck = now;
        var queue = await QueueAsync(now, cancellationToken).ConfigureAwait(false);
        var conditions = Monitor.Conditions(stage, slo, _pendingBreach, queue);
        _pendingBreach = null;
        LastEvents = await Alarms.EvaluateAsync(conditions, cancellationToken).ConfigureAwait(false);
        var snapshot = Monitor.Snapshot(_useCase.Agent.Id, now, stage, slo, queue);
        await _store.SaveAgentStatusAsync(_useCase.Agent.Id, now, JsonSerializer.Serialize(snapshot, MonitorSnapshotContext.Default.MonitorSnapshot), cancellationToken).ConfigureAwait(false);
        await SendDailySummaryWhenDueAsync(now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<QueueStatus> QueueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await _store.GetOpenExceptionsAsync(_useCase.Agent.Id, 10_000, cancellationToken).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return QueueStatus.Empty;
        }

        var calendar = _useCase.Agent.Calendar;
        var sla = _useCase.Agent.Slo.ExceptionSlaOrDefault;
        var atRisk = 0;
        var overdue = 0;
        foreach (var item in open)
        {
            if (now >= item.DueAt)
            {
                overdue++;
                atRisk++;
            }
            else if (BusinessHours.Between(calendar, now, item.DueAt) < sla / 4)
            {
                atRisk++;
            }
        }

        return new QueueStatus(open.Count, atRisk, overdue, now - open.Min(i => i.CreatedAt));
    }

    // Once a day, at the site's morning, the owner gets yesterday's numbers; the go/no-go gate counts the days acknowledged.
    private async Task SendDailySummaryWhenDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = _useCase.Agent.Calendar.TimeZone;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (local.Hour < SummaryHour)
        {
            return;
        }

        var yesterday = DateOnly.FromDateTime(local.DateTime).AddDays(-1);
        if (_summarySentFor == yesterday)
        {
            return;
        }

        var agentId = _useCase.Agent.Id;
        var from = new DateTimeOffset(yesterday.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(yesterday.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
        var to = from.AddDays(1);
        var periods = await _store.GetPeriodStatsAsync(agentId, from, to - from, to, cancellationToken).ConfigureAwait(false);
        var stats = periods.Count > 0 ? periods[0] : null;
        var active = await _store.GetAlarmsAsync(agentId, activeOnly: true, 1000, cancellationToken).ConfigureAwait(false);
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["day"] = yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["cases"] = (stats?.Cases ?? 0).ToString(CultureInfo.InvariantCulture),
            ["labelled"] = (stats?.Labelled ?? 0).ToString(CultureInfo.InvariantCulture),
            ["accuracy"] = stats is { Labelled: > 0 } ? ((double)stats.Correct / stats.Labelled).ToString("0.0000", CultureInfo.InvariantCulture) : "n/a",
            ["committed"] = (stats?.Committed ?? 0).ToString(CultureInfo.InvariantCulture),
            ["excepted"] = (stats?.Excepted ?? 0).ToString(CultureInfo.InvariantCulture),
            ["sla_breaches"] = (stats?.SlaBreaches ?? 0).ToString(CultureInfo.InvariantCulture),
            ["open_alarms"] = active.Count.ToString(CultureInfo.InvariantCulture),
            ["stage"] = (stats?.StageAtEnd.ToString() ?? "n/a"),
        };
        var body = string.Join("; ", numbers.Select(n => $"{n.Key} {n.Value}"));
        var fresh = await _store.AppendDailySummaryAsync(new DailySummary(agentId, yesterday, now, Alarms.Owner, body), cancellationToken).ConfigureAwait(false);
        _summarySentFor = yesterday;
        if (!fresh)
        {
            return;
        }

        await Alarms.SendSummaryAsync($"summary-{agentId}-{numbers["day"]}", $"Daily summary of {agentId} for {numbers["day"]}", body, numbers, cancellationToken).ConfigureAwait(false);
    }
}
