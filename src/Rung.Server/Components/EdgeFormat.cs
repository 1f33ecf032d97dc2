using System.Globalization;

namespace Rung.Server.Components;

/// <summary>How the Edges page reads durations: whole units a person takes in at a glance, invariant culture.</summary>
internal static class EdgeFormat
{
    /// <summary>A duration in its two largest units: <c>42 s</c>, <c>5 min 03 s</c>, <c>2 h 05 min</c>, <c>3 d 04 h</c>.</summary>
    public static string Span(TimeSpan span)
    {
        var d = span.Duration();
        return d.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalSeconds} s")
            : d.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds:00} s")
            : d.TotalHours < 24 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays} d {d.Hours:00} h");
    }

    /// <summary>How long ago, on the plant's clock.</summary>
    public static string Ago(TimeSpan age) => Span(age) + " ago";

    /// <summary>A signed clock skew in seconds: the edge's clock minus the server's.</summary>
    public static string Skew(TimeSpan skew) => skew.TotalSeconds.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Buffered cases and their share of the disk budget.</summary>
    public static string Buffer(long depth, double share) =>
        string.Create(CultureInfo.InvariantCulture, $"{depth:N0} ({share * 100:0.0} % of budget)");
}
