namespace Rung.Registry.Retraining;

/// <summary>What started a retraining.</summary>
public enum RetrainingTrigger
{
    /// <summary>An input-drift alarm.</summary>
    DriftAlarm,

    /// <summary>The SLO's accuracy broke.</summary>
    AccuracyBreach,

    /// <summary>A schedule.</summary>
    Schedule,

    /// <summary>A person asked for it.</summary>
    Person,
}
