using System.Globalization;

namespace Rung.Server.Components;

/// <summary>How numbers and times read on every page: invariant culture, units spelled out.</summary>
internal static class Format
{
    public static string Pct(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";

    public static string Ms(double value) => value < 1 ? (value * 1000).ToString("0", CultureInfo.InvariantCulture) + " µs" : value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z";

    public static string Num(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Business time left, or how far past due, in hours and minutes.</summary>
    public static string Sla(TimeSpan left)
    {
        var abs = left.Duration();
        var text = string.Create(CultureInfo.InvariantCulture, $"{(int)abs.TotalHours} h {abs.Minutes:00} min");
        return left < TimeSpan.Zero ? "overdue by " + text : text + " left";
    }

    public static string HealthClass(string health) => health switch
    {
        "Healthy" => "ok",
        "unknown" => "unknown",
        _ when health.Contains("Breach", StringComparison.OrdinalIgnoreCase) || health.Contains("Below", StringComparison.OrdinalIgnoreCase) => "bad",
        _ => "warn",
    };
}
