using System.Globalization;
using Rung.Bench.Scale;

// The console's page reads as the case table grows (10 thousand to 10 million cases), on SQLite and PostgreSQL:
// each size is a fresh database filled set-based, every read a page makes is timed (median), then the database is
// deleted. The reads should stay flat; the ratio columns say whether they do.
// Usage: dotnet Rung.Bench.Scale.dll [--postgres CONNECTION] [--sizes 10000,100000,1000000,10000000] [--repeats R] [--store sqlite|postgres]
var options = ScaleOptions.Parse(args);
Console.WriteLine(FormattableString.Invariant($"Rung console reads at scale: sizes {string.Join(", ", options.Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} cases; median of {options.Repeats} calls (3 when a call takes over 2 s); stores: {string.Join(", ", options.Stores)}"));
Console.WriteLine("Ten agents, one case every 12 s in turn; 30-day and 28-day windows hold every case up to 216,000 cases and 216,000 from then on.");
foreach (var store in options.Stores)
{
    var results = await Pages.RunAsync(options, store, options.Sizes);
    Report.Write(store, results, Console.Out);
}

return 0;
