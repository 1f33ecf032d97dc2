namespace Rung.Core.Alarms;

/// <summary>How alarms of one agent are raised, escalated and cleared.</summary>
/// <param name="Owner">The named operations owner paged first.</param>
/// <param name="Backup">Who is paged when the owner does not acknowledge in time; null means nobody (escalation is then skipped).</param>
/// <param name="EscalateAfter">How long an open alarm waits for an acknowledgement before the backup is paged. Default 30 min.</param>
/// <param name="ClearAfter">How long a condition must stay clear before its alarm resolves itself (hysteresis). Default 1 h.</param>
/// <param name="Runbook">What to do per rule, from the use case.</param>
public sealed record AlarmPolicy(string Owner, string? Backup, TimeSpan EscalateAfter, TimeSpan ClearAfter, IReadOnlyDictionary<string, string> Runbook)
{
    /// <summary>Default escalation delay.</summary>
    public static readonly TimeSpan DefaultEscalateAfter = TimeSpan.FromMinutes(30);

    /// <summary>Default hysteresis before automatic resolution.</summary>
    public static readonly TimeSpan DefaultClearAfter = TimeSpan.FromHours(1);
}
