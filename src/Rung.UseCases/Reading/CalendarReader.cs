using Rung.Core.Calendar;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.calendar</c>; every key is optional and falls back to <see cref="SiteCalendar.Default"/>.</summary>
internal static class CalendarReader
{
    public static readonly string[] Keys = ["time_zone", "working_days", "hours", "holidays"];

    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Mon"] = DayOfWeek.Monday, ["Monday"] = DayOfWeek.Monday,
        ["Tue"] = DayOfWeek.Tuesday, ["Tuesday"] = DayOfWeek.Tuesday,
        ["Wed"] = DayOfWeek.Wednesday, ["Wednesday"] = DayOfWeek.Wednesday,
        ["Thu"] = DayOfWeek.Thursday, ["Thursday"] = DayOfWeek.Thursday,
        ["Fri"] = DayOfWeek.Friday, ["Friday"] = DayOfWeek.Friday,
        ["Sat"] = DayOfWeek.Saturday, ["Saturday"] = DayOfWeek.Saturday,
        ["Sun"] = DayOfWeek.Sunday, ["Sunday"] = DayOfWeek.Sunday,
    };

    public static SiteCalendar? Read(MapReader? calendar, Values values)
    {
        if (calendar is null)
        {
            return null;
        }

        var defaults = SiteCalendar.Default;
        var (start, end) = Hours(calendar.Optional("hours"), values) ?? (defaults.DayStart, defaults.DayEnd);
        return new SiteCalendar(
            TimeZone(calendar.Optional("time_zone"), values) ?? defaults.TimeZone,
            WorkingDays(calendar.Optional("working_days"), values) ?? defaults.WorkingDays,
            start,
            end,
            Holidays(calendar.Optional("holidays"), values));
    }

    private static TimeZoneInfo? TimeZone(Field? field, Values values)
    {
        var id = values.NonEmptyText(field);
        if (id is null)
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        values.Error(field!.Value, $"unknown time zone '{id}'; use an IANA id such as Europe/Berlin or America/Chicago");
        return null;
    }

    private static HashSet<DayOfWeek>? WorkingDays(Field? field, Values values)
    {
        if (field is not { } list)
        {
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        var items = values.List(list);
        foreach (var item in items)
        {
            var text = values.NonEmptyText(item);
            if (text is null)
            {
                continue;
            }

            if (!Days.TryGetValue(text, out var day))
            {
                values.Error(item, $"unknown day '{text}'; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun");
            }
            else if (!days.Add(day))
            {
                values.Error(item, $"'{text}' is listed twice");
            }
        }

        if (list.Node is Yaml.YSequence && items.Count == 0)
        {
            values.Error(list, "list at least one working day");
        }

        return days;
    }

    private static (TimeOnly Start, TimeOnly End)? Hours(Field? field, Values values)
    {
        var text = values.NonEmptyText(field);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('-');
        if (parts.Length != 2
            || !ScalarSyntax.TryParseTimeOfDay(parts[0].Trim(), out var start)
            || !ScalarSyntax.TryParseTimeOfDay(parts[1].Trim(), out var end))
        {
            values.Error(field!.Value, $"'{text}' is not a range of hours; write HH:mm-HH:mm, for example 06:00-22:00");
            return null;
        }

        if (start >= end)
        {
            values.Error(field!.Value, $"'{text}' starts at or after it ends; the start must be before the end (24:00 means midnight at the end of the day)");
            return null;
        }

        return (start, end);
    }

    private static HashSet<DateOnly> Holidays(Field? field, Values values)
    {
        var holidays = new HashSet<DateOnly>();
        foreach (var item in values.List(field))
        {
            var text = values.NonEmptyText(item);
            if (text is null)
            {
                continue;
            }

            if (ScalarSyntax.TryParseDate(text, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                values.Error(item, $"'{text}' is not a date; write yyyy-MM-dd, for example 2026-12-25");
            }
        }

        return holidays;
    }
}
