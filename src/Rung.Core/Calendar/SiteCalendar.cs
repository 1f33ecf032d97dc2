namespace Rung.Core.Calendar;

/// <summary>
/// When a site works: the days, the daily hours in the site's own time zone, and holidays.
/// Exception-queue SLAs are counted in these hours.
/// </summary>
/// <param name="TimeZone">The site's time zone; daylight-saving changes follow its rules.</param>
/// <param name="WorkingDays">Days of the week that are worked.</param>
/// <param name="DayStart">Local time the working day starts.</param>
/// <param name="DayEnd">Local time the working day ends; after <paramref name="DayStart"/>.</param>
/// <param name="Holidays">Local dates that are not worked even on a working day.</param>
public sealed record SiteCalendar(
    TimeZoneInfo TimeZone,
    IReadOnlySet<DayOfWeek> WorkingDays,
    TimeOnly DayStart,
    TimeOnly DayEnd,
    IReadOnlySet<DateOnly> Holidays)
{
    /// <summary>Monday to Friday, 08:00 to 17:00 UTC, no holidays.</summary>
    public static SiteCalendar Default { get; } = new(
        TimeZoneInfo.Utc,
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new TimeOnly(8, 0),
        new TimeOnly(17, 0),
        new HashSet<DateOnly>());
}
