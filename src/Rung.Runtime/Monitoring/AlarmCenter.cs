using Rung.Core.Alarms;
using Rung.Core.UseCases;
using Rung.Runtime.Notifications;
using Rung.Storage;
using Rung.UseCases;

namespace Rung.Runtime.Monitoring;

/// <summary>
/// Turns an agent's alarm conditions into alarms: the store holds the active alarms, the alarm book decides
/// what changes, every change is stored, and raises, escalations and resolutions page the named person
/// through every configured channel. Acknowledgements and resolutions by people go through it too. A new alarm of a
/// rule the agent's <c>monitoring.stop_on</c> lists throws the agent's stop switch first, when the store keeps stop
/// switches (<see cref="IEdgeStore"/>): once per alarm, audited, never undone by the alarm clearing.
/// </summary>
public sealed class AlarmCenter
{
    private readonly UseCaseDefinition _useCase;
    private readonly IRungStore _store;
    private readonly Notifier _notifier;
    private readonly TimeProvider _time;
    private readonly AlarmPolicy _policy;
    private readonly Func<string> _newId;

    /// <summary>Creates the center for one agent.</summary>
    /// <param name="useCase">The use case: its owner and the agent's monitoring section (backup, delays, runbook).</param>
    /// <param name="store">Where alarms live.</param>
    /// <param name="notifier">The channels pages go through.</param>
    /// <param name="time">The clock.</param>
    /// <param name="newId">Makes alarm ids; a time-ordered unique id by default.</param>
    public AlarmCenter(UseCaseDefinition useCase, IRungStore store, Notifier notifier, TimeProvider time, Func<string>? newId = null)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        _useCase = useCase;
        _store = store;
        _notifier = notifier;
        _time = time;
        var m = useCase.Agent.MonitoringOrDefault;
        _policy = new AlarmPolicy(useCase.Business.Owner, m.BackupOwner, m.EscalateAfter, m.ClearAfter, m.Runbook);
        _newId = newId ?? (() => Guid.CreateVersion7(time.GetUtcNow()).ToString("N"));
    }

    /// <summary>Who is paged first.</summary>
    public string Owner => _policy.Owner;

    /// <summary>
    /// Applies the conditions, escalates what waited too long, stores every change and pages. Returns the
    /// events with the delivery report of each page sent.
    /// </summary>
    public async Task<IReadOnlyList<(AlarmEvent Event, NotificationReport? Report)>> EvaluateAsync(IReadOnlyList<AlarmCondition> conditions, CancellationToken cancellationToken = default)
    {
        var agentId = _useCase.Agent.Id;
        var now = _time.GetUtcNow();
        var active = await _store.GetAlarmsAsync(agentId, activeOnly: true, 10_000, cancellationToken).ConfigureAwait(false);
        var events = new List<AlarmEvent>(AlarmBook.Evaluate(_policy, agentId, active, conditions, now, _newId));
        var current = active.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var e in events)
        {
            current[e.Alarm.Id] = e.Alarm;
        }

        events.AddRange(AlarmBook.Escalate(_policy, [.. current.Values.Where(a => a.IsActive)], now));
        return await ApplyAsync(events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A person takes an alarm. Throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    public async Task<Alarm> AcknowledgeAsync(string alarmId, string user, string? comment, CancellationToken cancellationToken = default)
    {
        var alarm = await _store.GetAlarmAsync(alarmId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No alarm '{alarmId}'.");
        var e = AlarmBook.Acknowledge(alarm, user, comment, _time.GetUtcNow());
        await ApplyAsync([e], cancellationToken).ConfigureAwait(false);
        return e.Alarm;
    }

    /// <summary>A person closes an alarm with a comment. Throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    public async Task<Alarm> ResolveAsync(string alarmId, string user, string comment, CancellationToken cancellationToken = default)
    {
        var alarm = await _store.GetAlarmAsync(alarmId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No alarm '{alarmId}'.");
        var e = AlarmBook.Resolve(alarm, user, comment, _time.GetUtcNow());
        await ApplyAsync([e], cancellationToken).ConfigureAwait(false);
        return e.Alarm;
    }

    /// <summary>Sends a test page to the owner through every channel, to prove the wiring end to end.</summary>
    public Task<NotificationReport> SendTestPageAsync(CancellationToken cancellationToken = default) =>
        _notifier.NotifyAsync(
            new Page(
                $"test-{_newId()}", _useCase.Agent.Id, _useCase.Id, "test", PageSeverity.Info, "Test page from Rung",
                $"A test of the paging channels of agent {_useCase.Agent.Id}. Acknowledge it to prove the owner is reachable.",
                new Dictionary<string, string>(), string.Empty, _policy.Owner, PageKind.TestPage, _time.GetUtcNow()),
            cancellationToken);

    /// <summary>Sends the owner's daily summary as a page.</summary>
    public Task<NotificationReport> SendSummaryAsync(string summaryId, string title, string body, IReadOnlyDictionary<string, string> numbers, CancellationToken cancellationToken = default) =>
        _notifier.NotifyAsync(
            new Page(summaryId, _useCase.Agent.Id, _useCase.Id, "daily_summary", PageSeverity.Info, title, body, numbers, string.Empty, _policy.Owner, PageKind.DailySummary, _time.GetUtcNow()),
            cancellationToken);

    private async Task<IReadOnlyList<(AlarmEvent, NotificationReport?)>> ApplyAsync(List<AlarmEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        events = await StopOnAsync(events, cancellationToken).ConfigureAwait(false);

        // The last state of each alarm is what is stored; the pages go out after the store has them.
        var latest = new Dictionary<string, Alarm>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            latest[e.Alarm.Id] = e.Alarm;
        }

        await _store.SaveAlarmsAsync([.. latest.Values], cancellationToken).ConfigureAwait(false);
        var result = new List<(AlarmEvent, NotificationReport?)>(events.Count);
        foreach (var e in events)
        {
            NotificationReport? report = null;
            if (ToPageKind(e.Kind) is { } kind && e.Recipient.Length > 0)
            {
                report = await _notifier.NotifyAsync(ToPage(e, kind), cancellationToken).ConfigureAwait(false);
            }

            result.Add((e, report));
        }

        return result;
    }

    // The halt comes before the alarm is stored and paged: a failure in between leaves the agent stopped, never an
    // alarm that should have stopped it and did not. The alarm book raises an alarm once, so a repeat stops nothing new.
    private async Task<List<AlarmEvent>> StopOnAsync(List<AlarmEvent> events, CancellationToken cancellationToken)
    {
        var stopOn = _useCase.Agent.MonitoringOrDefault.StopOn;
        if (stopOn.Count == 0 || _store is not IEdgeStore stops)
        {
            return events;
        }

        var evidence = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.Kind == AlarmEventKind.Raised && StopOnRules.Matches(stopOn, e.Alarm.Rule)))
        {
            var stop = await stops.AppendStopAsync(AlarmStops.For(e.Alarm, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            evidence[e.Alarm.Id] = new Dictionary<string, string>(e.Alarm.Evidence, StringComparer.Ordinal)
            {
                [AlarmStops.StopKey] = FormattableString.Invariant($"{stop.Scope} stopped (stop switch event {stop.Id})"),
            };
        }

        return [.. events.Select(e => evidence.TryGetValue(e.Alarm.Id, out var with) ? e with { Alarm = e.Alarm with { Evidence = with } } : e)];
    }

    private Page ToPage(AlarmEvent e, PageKind kind)
    {
        var a = e.Alarm;
        var detail = kind switch
        {
            PageKind.Escalated => $"Not acknowledged by {a.Owner} within {_policy.EscalateAfter.TotalMinutes:0} minutes of {a.RaisedAt:yyyy-MM-dd HH:mm}Z. {a.Title}.",
            PageKind.Resolved => $"Resolved by {a.ResolvedBy}: {a.Comment}",
            _ => $"{a.Title}. Raised {a.RaisedAt:yyyy-MM-dd HH:mm}Z on agent {a.AgentId}.",
        };
        return new Page(
            a.Id, a.AgentId, _useCase.Id, a.Rule, a.Severity == AlarmSeverity.Critical ? PageSeverity.Critical : PageSeverity.Warning,
            a.Title, detail, a.Evidence, a.Runbook, e.Recipient, kind, _time.GetUtcNow());
    }

    private static PageKind? ToPageKind(AlarmEventKind kind) => kind switch
    {
        AlarmEventKind.Raised => PageKind.Raised,
        AlarmEventKind.Escalated => PageKind.Escalated,
        AlarmEventKind.Resolved => PageKind.Resolved,
        _ => null,
    };
}
