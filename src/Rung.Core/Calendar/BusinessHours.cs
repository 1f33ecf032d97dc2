namespace Rung.Core.Calendar;

/// <summary>
/// Counts time the way a site works it: only inside the calendar's working hours, on working days that are
/// not holidays, in the site's own time zone. Working hours are real elapsed time, so a shift that spans a
/// daylight-saving change is an hour shorter or longer, as it is on the shop floor.
/// </summary>
public static class BusinessHours
{
    // Ten years of calendar days: far beyond any SLA, and it keeps a calendar with no working day from looping forever.
    private const int MaxDays = 3660;

    /// <summary>The moment at which <paramref name="duration"/> of working time has passed since <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentException">The calendar has no working time within ten years.</exception>
    public static DateTimeOffset Add(SiteCalendar calendar, DateTimeOffset start, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var remaining = duration;
        foreach (var (from, to) in WorkingIntervals(calendar, start))
        {
            var begin = from > start ? from : start;
            if (begin >= to)
            {
                continue;
            }

            var available = to - begin;
            if (remaining <= available)
            {
                return begin + remaining;
            }

            remaining -= available;
        }

        throw new ArgumentException("The site calendar has no working time within ten years.", nameof(calendar));
    }

    /// <summary>Working time between two moments; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public static TimeSpan Between(SiteCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var total = TimeSpan.Zero;
        if (to <= from)
        {
            return total;
        }

        foreach (var (start, end) in WorkingIntervals(calendar, from))
        {
            if (start >= to)
            {
                break;
            }

            var begin = start > from ? start : from;
            var finish = end < to ? end : to;
            if (finish > begin)
            {
                total += finish - begin;
            }
        }

        return total;
    }

    /// <summary>The working intervals in UTC from the local day containing <paramref name="from"/> on, in order.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> WorkingIntervals(SiteCalendar calendar, DateTimeOffset from)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, calendar.TimeZone).DateTime);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1))
        {
            if (!calendar.WorkingDays.Contains(day.DayOfWeek) || calendar.Holidays.Contains(day))
            {
                continue;
            }

            var start = ToUtc(calendar.TimeZone, day.ToDateTime(calendar.DayStart), earlier: true);
            var end = ToUtc(calendar.TimeZone, day.ToDateTime(calendar.DayEnd), earlier: false);
            if (end > start)
            {
                yield return (start, end);
            }
        }
    }

    /// <summary>
    /// Local wall time to UTC. A time skipped by a spring-forward change is moved past the gap; a time that
    /// occurs twice in the autumn takes its first occurrence for a start and its second for an end, so the
    /// repeated hour is worked, as it is on the floor.
    /// </summary>
    private static DateTimeOffset ToUtc(TimeZoneInfo zone, DateTime local, bool earlier)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Walk forward minute by minute to the first valid time: gaps are at most a few hours.
            var probe = local;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }

            return new DateTimeOffset(probe, zone.GetUtcOffset(probe)).ToUniversalTime();
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var offset = earlier ? offsets.Max() : offsets.Min();
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
