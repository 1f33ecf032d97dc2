using Rung.Core.Calendar;

namespace Rung.Simulation.Line;

/// <summary>
/// Turns a site calendar's local working hours into UTC instants. The zone's own rules decide
/// the offset, so a shift starting at 06:00 local starts at 05:00Z in winter and 04:00Z in summer.
/// </summary>
internal static class ShiftWindows
{
    private const int MaxSearchDays = 400;

    public static DateOnly LocalDate(SiteCalendar calendar, DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, calendar.TimeZone).DateTime);

    public static bool IsWorkingDay(SiteCalendar calendar, DateOnly date) =>
        calendar.WorkingDays.Contains(date.DayOfWeek) && !calendar.Holidays.Contains(date);

    public static (DateTimeOffset Start, DateTimeOffset End) Window(SiteCalendar calendar, DateOnly date) =>
        (ToUtc(calendar.TimeZone, date, calendar.DayStart), ToUtc(calendar.TimeZone, date, calendar.DayEnd));

    /// <summary>The working window containing <paramref name="at"/>, if any.</summary>
    public static bool TryFindWindow(SiteCalendar calendar, DateTimeOffset at, out DateTimeOffset start, out DateTimeOffset end)
    {
        var date = LocalDate(calendar, at);
        if (IsWorkingDay(calendar, date))
        {
            (start, end) = Window(calendar, date);
            if (at >= start && at < end)
            {
                return true;
            }
        }

        start = end = default;
        return false;
    }

    /// <summary>The start of the first working window strictly after <paramref name="at"/>.</summary>
    public static DateTimeOffset NextWindowStart(SiteCalendar calendar, DateTimeOffset at)
    {
        var date = LocalDate(calendar, at);
        for (var i = 0; i <= MaxSearchDays; i++)
        {
            var candidate = date.AddDays(i);
            if (IsWorkingDay(calendar, candidate))
            {
                var (start, _) = Window(calendar, candidate);
                if (start > at)
                {
                    return start;
                }
            }
        }

        throw new InvalidOperationException($"The site calendar has no working day within {MaxSearchDays} days after {at:O}.");
    }

    private static DateTimeOffset ToUtc(TimeZoneInfo zone, DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);

        // A local time skipped by a spring-forward change happens an hour later on the clock.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
