namespace Rung.Core.Alarms;

/// <summary>How urgent an alarm is.</summary>
public enum AlarmSeverity
{
    /// <summary>Worth a look in working hours.</summary>
    Warning = 1,

    /// <summary>Page now: the agent's decisions may be wrong or unsafe.</summary>
    Critical = 2,
}
