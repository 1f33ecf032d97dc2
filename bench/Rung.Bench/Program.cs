using System.Runtime;
using Rung.Bench;
using static System.FormattableString;

// Durable decisions per second through the real decision path, journalled to SQLite and, as the baseline, nowhere.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

PrintEnvironment();
Console.WriteLine(Invariant($"Preparing: training the demo's pilot model and simulating {options.Cases:N0} cases ..."));
var workload = Workload.Prepare(options.Cases, cancel.Token);
Console.WriteLine(Invariant($"  {workload.Cases.Length:N0} cases from {workload.DistinctParts:N0} simulated parts (replayed with fresh ids), ready in {workload.PrepareTime.TotalSeconds:0.0} s"));
Console.WriteLine(Invariant($"  fsync of a small append in the temp folder: median {FsyncProbe.MedianMicros(200):0} us"));

Scenario[] scenarios =
[
    .. from batch in options.BatchSizes
       from journal in new[] { JournalKind.Durable, JournalKind.Nowhere }
       from connector in new[] { ConnectorKind.JsonLines, ConnectorKind.Discard }
       select new Scenario(journal, connector, batch),
];

// Rounds are interleaved across scenarios so a burst of load from elsewhere on the machine hits all of them alike.
Console.WriteLine(Invariant($"Warm-up: {options.WarmupCases:N0} cases per scenario"));
foreach (var scenario in scenarios)
{
    await ScenarioRunner.RunAsync(workload, scenario, options.WarmupCases, options.WarmupSeconds, cancel.Token);
}

var rounds = scenarios.ToDictionary(s => s, _ => new List<RoundResult>());
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var scenario in scenarios)
    {
        var result = await ScenarioRunner.RunAsync(workload, scenario, options.Cases, options.MaxSeconds, cancel.Token);
        rounds[scenario].Add(result);
        Console.WriteLine(Invariant($"  round {round}/{options.Rounds}  {scenario}  {result.Decisions,9:N0} decisions  {result.DecisionsPerSecond,10:N0}/s wall  {result.DecisionsPerCpuSecond,10:N0}/CPU-s"));
    }
}

Report.Print([.. scenarios.Select(s => new ScenarioResult(s, rounds[s]))], options.Rounds);
if (options.Anatomy)
{
    Report.PrintAnatomy(await JournalAnatomy.RunAsync(workload, Math.Min(options.Cases, options.AnatomyCases), cancel.Token));
}

return 0;

static void PrintEnvironment()
{
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
    Console.WriteLine(Invariant($"Rung decision-path benchmark: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
    Console.WriteLine(Invariant($"  GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, latency {GCSettings.LatencyMode}; load average at start: {load}"));
}
