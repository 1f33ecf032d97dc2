namespace Rung.Core.Alarms;

/// <summary>Where an alarm is in its life.</summary>
public enum AlarmState
{
    /// <summary>Raised and not yet acknowledged by a person.</summary>
    Open,

    /// <summary>A person has taken it; it stays until resolved.</summary>
    Acknowledged,

    /// <summary>Closed by a person or, once its condition cleared for long enough, automatically.</summary>
    Resolved,
}
