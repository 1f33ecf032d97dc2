namespace Rung.Runtime.Notifications;

/// <summary>The wire names of severities and kinds: lower snake case, stable across releases.</summary>
public static class PageNames
{
    /// <summary>The wire name of a severity: <c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public static string Of(PageSeverity severity) => severity switch
    {
        PageSeverity.Info => "info",
        PageSeverity.Warning => "warning",
        PageSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown page severity."),
    };

    /// <summary>The wire name of a kind: <c>raised</c>, <c>escalated</c>, <c>resolved</c> or <c>test_page</c>.</summary>
    public static string Of(PageKind kind) => kind switch
    {
        PageKind.Raised => "raised",
        PageKind.Escalated => "escalated",
        PageKind.Resolved => "resolved",
        PageKind.TestPage => "test_page",
        PageKind.DailySummary => "daily_summary",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown page kind."),
    };
}
