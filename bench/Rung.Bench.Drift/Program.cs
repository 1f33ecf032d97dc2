using System.Diagnostics;
using Rung.Bench.Drift;

// Measures the monitoring spine: how soon drift is detected, how often it alarms on nothing, and what it costs
// per case next to the decision itself. `--quick` runs a short smoke version of everything.
var settings = args.Contains("--quick") ? BenchSettings.Smoke : BenchSettings.Full;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var total = Stopwatch.StartNew();
var report = new Report(settings, Console.Out, Console.Error);
report.Header();
report.InputDriftDelays();
report.PsiFloor();
report.ErrorRateDelays();
report.StationaryFalseAlarms();
var pilot = report.LinePilot();
report.LineAlarms(pilot);
await report.RuntimeCostAsync(pilot, cancel.Token);
report.MonitorMicro();
await report.CheckBreakdownAsync(pilot, cancel.Token);
report.RetestParts();
Console.WriteLine($"Finished in {total.Elapsed.TotalSeconds:0.0} s.");
