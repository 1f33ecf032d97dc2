namespace Rung.Core.Alarms;

/// <summary>What happened to an alarm.</summary>
public enum AlarmEventKind
{
    /// <summary>Raised: page the owner.</summary>
    Raised,

    /// <summary>Nobody acknowledged in time: page the backup.</summary>
    Escalated,

    /// <summary>A person took it.</summary>
    Acknowledged,

    /// <summary>Closed by a person or automatically.</summary>
    Resolved,

    /// <summary>Bookkeeping only (the condition's clear clock started or stopped): stored, not notified.</summary>
    Updated,
}

/// <summary>A change to an alarm, to store and, for raises, escalations and resolutions, to notify.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Alarm">The alarm after the change.</param>
/// <param name="Recipient">Who is paged: the owner, or the backup for an escalation.</param>
public sealed record AlarmEvent(AlarmEventKind Kind, Alarm Alarm, string Recipient);
