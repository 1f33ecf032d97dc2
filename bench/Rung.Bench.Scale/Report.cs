using System.Globalization;

namespace Rung.Bench.Scale;

/// <summary>One markdown table per store: milliseconds per read at each size, and the growth from the smallest size and from 1 million.</summary>
internal static class Report
{
    public static void Write(string store, IReadOnlyList<Pages.SizeResult> results, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"### {store}");
        output.WriteLine();
        var first = results[0];
        var last = results[^1];
        var million = results.FirstOrDefault(r => r.Cases == 1_000_000);
        var head = "| read (ms, median) | " + string.Join(" | ", results.Select(r => Size(r.Cases))) + $" | {Size(last.Cases)}/{Size(first.Cases)} |";
        if (million is not null && million != last)
        {
            head += $" {Size(last.Cases)}/1M |";
        }

        output.WriteLine(head);
        output.WriteLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", results.Count + 1 + (million is not null && million != last ? 1 : 0))));
        foreach (var name in first.Medians.Keys)
        {
            var line = $"| {name} | " + string.Join(" | ", results.Select(r => r.Medians[name].ToString("F2", inv))) + " | " + Ratio(last.Medians[name], first.Medians[name]) + " |";
            if (million is not null && million != last)
            {
                line += " " + Ratio(last.Medians[name], million.Medians[name]) + " |";
            }

            output.WriteLine(line);
        }

        output.WriteLine("| database size (MB) | " + string.Join(" | ", results.Select(r => (r.Bytes / 1e6).ToString("F0", inv))) + " | |" + (million is not null && million != last ? " |" : string.Empty));
        output.WriteLine("| fill time (s) | " + string.Join(" | ", results.Select(r => r.Fill.TotalSeconds.ToString("F0", inv))) + " | |" + (million is not null && million != last ? " |" : string.Empty));
    }

    private static string Ratio(double a, double b) => (a / Math.Max(b, 0.001)).ToString("F1", CultureInfo.InvariantCulture);

    private static string Size(long n) => n switch
    {
        >= 1_000_000 when n % 1_000_000 == 0 => $"{n / 1_000_000}M",
        >= 1_000 when n % 1_000 == 0 => $"{n / 1_000}k",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
