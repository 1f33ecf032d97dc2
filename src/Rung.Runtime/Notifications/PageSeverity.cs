namespace Rung.Runtime.Notifications;

/// <summary>How urgent a page is. Receivers route on it (a Critical page may wake someone up).</summary>
public enum PageSeverity
{
    /// <summary>For the record; nobody needs to act now.</summary>
    Info,

    /// <summary>Needs attention within the working day.</summary>
    Warning,

    /// <summary>Needs the owner now: a high-severity error, an SLO alert line crossed.</summary>
    Critical,
}
