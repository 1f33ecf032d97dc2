using Rung.Bench.Scale;
using Rung.Storage;

// Scale-out figures of the two stores:
//   ingest: sustained cases/s appended by 1 and 2 store instances (one per `rung serve`) in batches, on SQLite and PostgreSQL;
//   pages:  the console's page queries as the case table grows (10k, 100k, 1M; 10M with --huge): they should stay flat.
// Usage: dotnet Rung.Bench.Scale.dll --postgres CONNECTION [--sqlite FOLDER] [--seconds S] [--batch B] [--max-rows N] [--huge]
var options = ScaleOptions.Parse(args);
Console.WriteLine(FormattableString.Invariant($"Rung scale benchmark: {options.Seconds} s per ingest run, batches of {options.Batch}, page sizes up to {options.MaxRows:N0} cases"));
Console.WriteLine();
Console.WriteLine("| store | instances | cases/s | ms per batch (p50) | ms per batch (p99) |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
foreach (var (name, open) in options.Stores())
{
    foreach (var instances in new[] { 1, 2 })
    {
        var result = await Ingest.RunAsync(open, instances, options.Batch, TimeSpan.FromSeconds(options.Seconds));
        Console.WriteLine(FormattableString.Invariant($"| {name} | {instances} | {result.CasesPerSecond:N0} | {result.P50:F1} | {result.P99:F1} |"));
    }
}

Console.WriteLine();
Console.WriteLine("| store | cases in table | pending approvals (ms) | open exceptions (ms) | recent commits (ms) | latest decision (ms) | alarms (ms) |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (name, open) in options.Stores())
{
    await Pages.RunAsync(name, open, options.Sizes(), Console.Out);
}

return 0;
