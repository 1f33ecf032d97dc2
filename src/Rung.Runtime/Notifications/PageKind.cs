namespace Rung.Runtime.Notifications;

/// <summary>Where in an alarm's life a page is sent.</summary>
public enum PageKind
{
    /// <summary>The alarm was raised; the page goes to the owner.</summary>
    Raised,

    /// <summary>The alarm was not acknowledged in time; the page goes to the backup.</summary>
    Escalated,

    /// <summary>The alarm cleared.</summary>
    Resolved,

    /// <summary>A test page sent to check the channels end to end.</summary>
    TestPage,

    /// <summary>The owner's daily summary; the owner acknowledges it.</summary>
    DailySummary,
}
