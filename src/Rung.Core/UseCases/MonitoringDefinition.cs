using Rung.Core.Alarms;

namespace Rung.Core.UseCases;

/// <summary>How an agent is watched: who is paged after the owner, how alarms escalate and clear, and the runbook.</summary>
/// <param name="BackupOwner">Paged when the owner does not acknowledge an alarm in time; null means no escalation.</param>
/// <param name="EscalateAfter">How long an alarm waits for an acknowledgement. Default 30 min.</param>
/// <param name="ClearAfter">How long a condition must stay clear before its alarm resolves itself. Default 1 h.</param>
/// <param name="DriftWindow">How many recent cases the input-drift tests compare with the reference. Default 500.</param>
/// <param name="DataQualityMaxRate">The share of cases with a bad value on an input above which a data-quality alarm is raised. Default 0.05.</param>
/// <param name="Runbook">What to do, per alarm rule (<see cref="AlarmRules"/>): who does what, with which thresholds and deadlines.</param>
public sealed record MonitoringDefinition(
    string? BackupOwner,
    TimeSpan EscalateAfter,
    TimeSpan ClearAfter,
    int DriftWindow,
    double DataQualityMaxRate,
    IReadOnlyDictionary<string, string> Runbook)
{
    /// <summary>
    /// Alarm rules (a name, or a family as <c>drift.*</c>) whose raising stops the agent's AI writes (its stop switch,
    /// actor <c>alarm:RULE</c>); empty by default. Only a recorded restart resumes them.
    /// </summary>
    public IReadOnlyList<string> StopOn { get; init; } = [];

    /// <summary>No backup, Rung's default delays and window, no runbook.</summary>
    public static MonitoringDefinition Default { get; } = new(null, AlarmPolicy.DefaultEscalateAfter, AlarmPolicy.DefaultClearAfter, 500, 0.05, new Dictionary<string, string>());
}
