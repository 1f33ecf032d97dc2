using Rung.Core.Calendar;

namespace Rung.Core.Tests.Calendar;

public sealed class BusinessHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Mon-Fri 06:00-14:00 Berlin time, with Good Friday and Easter Monday 2026 as holidays.
    private static readonly SiteCalendar Site = new(
        Berlin,
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new TimeOnly(6, 0),
        new TimeOnly(14, 0),
        new HashSet<DateOnly> { new(2026, 4, 3), new(2026, 4, 6) });

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute, int offsetHours) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(offsetHours));

    [Fact]
    public void Add_WithinOneShift_IsPlainAddition()
    {
        var start = Local(2026, 1, 6, 9, 0, 1);
        Assert.Equal(Local(2026, 1, 6, 13, 0, 1), BusinessHours.Add(Site, start, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_AcrossAWeekend_SkipsSaturdayAndSunday()
    {
        // Friday 12:00: two hours left on Friday, two more from Monday 06:00.
        var start = Local(2026, 1, 9, 12, 0, 1);
        Assert.Equal(Local(2026, 1, 12, 8, 0, 1), BusinessHours.Add(Site, start, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_StartedOffShift_CountsFromTheNextShift()
    {
        var start = Local(2026, 1, 6, 20, 0, 1);
        Assert.Equal(Local(2026, 1, 7, 10, 0, 1), BusinessHours.Add(Site, start, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_AcrossEasterHolidays_SkipsThemAndTheWeekend()
    {
        // Thursday 2 April 2026 12:00; Friday 3 and Monday 6 are holidays, so the rest falls on Tuesday 7 April.
        var start = Local(2026, 4, 2, 12, 0, 2);
        Assert.Equal(Local(2026, 4, 7, 8, 0, 2), BusinessHours.Add(Site, start, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_AcrossSpringDaylightSavingChange_KeepsLocalShiftTimes()
    {
        // Friday 27 March 2026 12:00 CET (+1); clocks go forward on Sunday 29 March; Monday runs on CEST (+2).
        var start = Local(2026, 3, 27, 12, 0, 1);
        var due = BusinessHours.Add(Site, start, TimeSpan.FromHours(4));
        Assert.Equal(Local(2026, 3, 30, 8, 0, 2), due);
        Assert.Equal(TimeSpan.FromHours(4), BusinessHours.Between(Site, start, due));
    }

    [Fact]
    public void Between_NightShiftOverAutumnChange_CountsTheRepeatedHour()
    {
        // A 22:00-06:00-style site is modelled as 00:00-06:00; on 25 October 2026 02:00-03:00 happens twice.
        var night = Site with
        {
            WorkingDays = new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>()),
            DayStart = new TimeOnly(0, 0),
            DayEnd = new TimeOnly(6, 0),
        };
        var from = Local(2026, 10, 25, 0, 0, 2);
        var to = Local(2026, 10, 25, 6, 0, 1);
        Assert.Equal(TimeSpan.FromHours(7), BusinessHours.Between(night, from, to));
    }

    [Fact]
    public void Between_WholeWeek_IsFiveShifts()
    {
        var from = Local(2026, 1, 5, 0, 0, 1);
        Assert.Equal(TimeSpan.FromHours(40), BusinessHours.Between(Site, from, from.AddDays(7)));
    }

    [Fact]
    public void Add_CalendarWithoutWorkingDays_FailsClearly()
    {
        var never = Site with { WorkingDays = new HashSet<DayOfWeek>() };
        var ex = Assert.Throws<ArgumentException>(() => BusinessHours.Add(never, Local(2026, 1, 5, 8, 0, 1), TimeSpan.FromHours(1)));
        Assert.Contains("no working time", ex.Message, StringComparison.Ordinal);
    }
}
