namespace Rung.Core.Alarms;

/// <summary>
/// The life of alarms, as pure transitions: the caller holds the active alarms (the store is their truth), hands
/// them in with the latest conditions, and stores and notifies the events that come back.
/// </summary>
/// <remarks>
/// One alarm per condition: while an alarm for a condition is active, the condition holding again raises
/// nothing new. A condition that clears resolves its alarm only once it has stayed clear for
/// <see cref="AlarmPolicy.ClearAfter"/>, so a metric hovering on a line does not open and close alarms
/// all night. An alarm nobody acknowledged within <see cref="AlarmPolicy.EscalateAfter"/> pages the backup, once.
/// </remarks>
public static class AlarmBook
{
    /// <summary>Applies the latest conditions to the active alarms of one agent.</summary>
    /// <param name="policy">Owner, backup, delays and runbook.</param>
    /// <param name="agentId">The agent.</param>
    /// <param name="active">The agent's active (not resolved) alarms.</param>
    /// <param name="conditions">Every condition the monitor evaluated now, holding or not.</param>
    /// <param name="now">The current time.</param>
    /// <param name="newId">Makes a unique alarm id.</param>
    public static IReadOnlyList<AlarmEvent> Evaluate(AlarmPolicy policy, string agentId, IReadOnlyList<Alarm> active, IReadOnlyList<AlarmCondition> conditions, DateTimeOffset now, Func<string> newId)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(newId);
        var byKey = new Dictionary<string, Alarm>(StringComparer.Ordinal);
        foreach (var alarm in active)
        {
            if (alarm.IsActive)
            {
                byKey[alarm.Key] = alarm;
            }
        }

        var events = new List<AlarmEvent>();
        foreach (var condition in conditions)
        {
            byKey.TryGetValue(condition.Key, out var existing);
            if (condition.Active && existing is null)
            {
                var raised = new Alarm(
                    newId(), agentId, condition.Rule, condition.Key, condition.Severity, condition.Title, condition.Evidence,
                    policy.Runbook.GetValueOrDefault(condition.Rule, string.Empty), policy.Owner, now);
                byKey[condition.Key] = raised;
                events.Add(new AlarmEvent(AlarmEventKind.Raised, raised, policy.Owner));
            }
            else if (condition.Active && existing!.ConditionClearSince is not null)
            {
                // Back before the hysteresis ran out: the same alarm goes on, the clear clock restarts.
                var holding = existing with { ConditionClearSince = null };
                byKey[condition.Key] = holding;
                events.Add(Updated(holding));
            }
            else if (!condition.Active && existing is not null && condition.ClearsItself)
            {
                if (existing.ConditionClearSince is not { } since)
                {
                    var clearing = existing with { ConditionClearSince = now };
                    byKey[condition.Key] = clearing;
                    events.Add(Updated(clearing));
                }
                else if (now - since >= policy.ClearAfter)
                {
                    var resolved = existing with
                    {
                        State = AlarmState.Resolved,
                        ResolvedBy = "system",
                        ResolvedAt = now,
                        Comment = $"condition clear since {since:yyyy-MM-dd HH:mm}Z",
                        ConditionClearSince = since,
                    };
                    byKey.Remove(condition.Key);
                    events.Add(new AlarmEvent(AlarmEventKind.Resolved, resolved, resolved.Owner));
                }
            }
        }

        return events;
    }

    /// <summary>Pages the backup for every open alarm nobody acknowledged within the policy's delay.</summary>
    public static IReadOnlyList<AlarmEvent> Escalate(AlarmPolicy policy, IReadOnlyList<Alarm> active, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(active);
        if (policy.Backup is null)
        {
            return [];
        }

        var events = new List<AlarmEvent>();
        foreach (var alarm in active)
        {
            if (alarm.State == AlarmState.Open && alarm.EscalatedAt is null && now - alarm.RaisedAt >= policy.EscalateAfter)
            {
                var escalated = alarm with { EscalatedTo = policy.Backup, EscalatedAt = now };
                events.Add(new AlarmEvent(AlarmEventKind.Escalated, escalated, policy.Backup));
            }
        }

        return events;
    }

    /// <summary>A person takes an open alarm.</summary>
    /// <exception cref="InvalidOperationException">The alarm is not open.</exception>
    public static AlarmEvent Acknowledge(Alarm alarm, string user, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (alarm.State != AlarmState.Open)
        {
            throw new InvalidOperationException($"Alarm {alarm.Id} is {alarm.State}; only an open alarm can be acknowledged.");
        }

        var acknowledged = alarm with { State = AlarmState.Acknowledged, AcknowledgedBy = user, AcknowledgedAt = now, Comment = comment ?? alarm.Comment };
        return new AlarmEvent(AlarmEventKind.Acknowledged, acknowledged, alarm.Owner);
    }

    /// <summary>A person closes an alarm, saying why.</summary>
    /// <exception cref="ArgumentException">No comment: a resolution must say what was done.</exception>
    /// <exception cref="InvalidOperationException">The alarm is already resolved.</exception>
    public static AlarmEvent Resolve(Alarm alarm, string user, string comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new ArgumentException($"Resolving alarm {alarm.Id} needs a comment saying what was done.", nameof(comment));
        }

        if (alarm.State == AlarmState.Resolved)
        {
            throw new InvalidOperationException($"Alarm {alarm.Id} is already resolved.");
        }

        var resolved = alarm with { State = AlarmState.Resolved, ResolvedBy = user, ResolvedAt = now, Comment = comment };
        return new AlarmEvent(AlarmEventKind.Resolved, resolved, alarm.Owner);
    }

    private static AlarmEvent Updated(Alarm alarm) => new(AlarmEventKind.Updated, alarm, string.Empty);
}
