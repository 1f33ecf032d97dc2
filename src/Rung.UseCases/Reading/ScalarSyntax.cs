using System.Globalization;
using System.Text.RegularExpressions;

namespace Rung.UseCases.Reading;

/// <summary>The text forms the format accepts for numbers, durations, times of day and dates.</summary>
internal static partial class ScalarSyntax
{
    /// <summary>The longest duration accepted anywhere in the file.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    private static readonly HashSet<string> NonFinite = new(StringComparer.OrdinalIgnoreCase)
    {
        ".nan", "nan", ".inf", "+.inf", "-.inf", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity",
    };

    public static bool IsNonFinite(string text) => NonFinite.Contains(text.Trim());

    public static bool TryParseNumber(string text, out double value)
    {
        value = 0;
        return DecimalNumber().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        return IntegerNumber().IsMatch(text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses <c>250ms</c>, <c>2s</c>, <c>1h30m</c>: whole numbers with units ms, s, m, h, d, each unit at most once.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string problem)
    {
        value = TimeSpan.Zero;
        problem = "";
        var parts = DurationPart().Matches(text);
        if (text.Length == 0 || parts.Sum(m => m.Length) != text.Length)
        {
            problem = $"'{text}' is not a duration; write whole numbers with units ms, s, m, h or d, for example 250ms, 2s, 1h30m";
            return false;
        }

        var units = new HashSet<string>(StringComparer.Ordinal);
        double milliseconds = 0;
        foreach (Match part in parts)
        {
            var unit = part.Groups["unit"].Value;
            if (!units.Add(unit))
            {
                problem = $"'{text}' gives the unit '{unit}' twice";
                return false;
            }

            // Parsed as double so an absurd number of digits cannot overflow; the upper limit is checked below.
            var amount = double.Parse(part.Groups["amount"].Value, CultureInfo.InvariantCulture);
            milliseconds += amount * unit switch
            {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => 86_400_000,
            };
        }

        if (milliseconds <= 0)
        {
            problem = $"'{text}' must be longer than zero";
            return false;
        }

        if (milliseconds > MaxDuration.TotalMilliseconds)
        {
            problem = $"'{text}' is longer than the limit of {MaxDuration.TotalDays:0} days";
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Parses <c>HH:mm</c>; <c>24:00</c> means the end of the day.</summary>
    public static bool TryParseTimeOfDay(string text, out TimeOnly value)
    {
        if (text == "24:00")
        {
            value = TimeOnly.MaxValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static bool TryParseDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumber();

    [GeneratedRegex(@"^[-+]?\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerNumber();

    [GeneratedRegex(@"\G(?<amount>\d{1,12})(?<unit>ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}
