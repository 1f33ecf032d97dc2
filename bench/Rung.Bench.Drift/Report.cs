using System.Diagnostics;
using System.Globalization;

namespace Rung.Bench.Drift;

/// <summary>Runs each part of the benchmark and prints its table; progress goes to the error stream.</summary>
internal sealed class Report(BenchSettings settings, TextWriter output, TextWriter progress)
{
    private const int ErrorWarmUp = 10_000;
    private const int ErrorHorizon = 20_000;

    public void Header()
    {
        output.WriteLine($"Rung monitoring benchmark ({(settings.Quick ? "quick smoke run" : "full run")}), {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");
        output.WriteLine($"Seeds per scenario: {settings.Seeds}; reference profile from {settings.ReferenceRows:N0} stationary rows.");
        output.WriteLine();
    }

    public void InputDriftDelays()
    {
        var timer = Stopwatch.StartNew();
        var reference = SyntheticStream.Reference(InputDriftDelay.Features, settings.ReferenceRows, 1_000_000 + InputDriftDelay.Features);
        var table = new TextTable("change (from the onset)", "window", "median", "p90", "min", "max", "missed", "alarms before onset");
        foreach (var scenario in DriftScenario.All)
        {
            foreach (var window in BenchSettings.Windows)
            {
                var outcomes = Enumerable.Range(1, settings.Seeds).Select(seed => InputDriftDelay.Run(reference, window, scenario, seed)).ToArray();
                AddDelayRow(table, scenario.Name, window.ToString(CultureInfo.InvariantCulture), [.. outcomes.Select(o => o.Delay)], outcomes.Sum(o => o.AlarmsBeforeOnset));
            }

            progress.WriteLine($"  input drift: {scenario.Name} done ({timer.Elapsed.TotalSeconds:0.0} s)");
        }

        output.WriteLine("1a. Detection delay, input-drift rule of AgentMonitor (cases after onset until the condition of the changed feature is active)");
        output.WriteLine($"    synthetic i.i.d. normal inputs x1..x{InputDriftDelay.Features}, change in x1 (new action: prediction-drift condition); horizon {InputDriftDelay.Horizon:N0} cases");
        output.Write(table);
        output.WriteLine();
    }

    public void PsiFloor()
    {
        var table = new TextTable("change, whole window moved", "PSI", "can alarm (PSI >= 0.2)");
        foreach (var (change, psi) in Drift.PsiFloor.Run(settings.ReferenceRows, settings.Quick ? 50_000 : 400_000))
        {
            table.Add(change, psi.ToString("0.000", CultureInfo.InvariantCulture), psi >= 0.2 ? "yes" : "never");
        }

        output.WriteLine("1b. The PSI line as a floor: PSI of a window wholly drawn from the changed distribution (10 reference-decile bins)");
        output.Write(table);
        output.WriteLine();
    }

    public void ErrorRateDelays()
    {
        var table = new TextTable("error-rate jump", "detector", "median", "p90", "min", "max", "missed");
        foreach (var (before, after) in new[] { (0.05, 0.10), (0.05, 0.20) })
        {
            var runs = Enumerable.Range(1, settings.Seeds).Select(seed => ErrorStream.Delay(before, after, 30_000 + seed, ErrorWarmUp, ErrorHorizon)).ToArray();
            var name = $"{before * 100:0} % -> {after * 100:0} %";
            AddDelayRow(table, name, "ADWIN (monitor)", [.. runs.Select(r => r.Adwin)], null);
            AddDelayRow(table, name, "Page-Hinkley", [.. runs.Select(r => r.PageHinkley)], null);
        }

        output.WriteLine($"1c. Detection delay on the labelled error stream (labelled cases after the jump; {ErrorWarmUp:N0} cases at the old rate first, horizon {ErrorHorizon:N0})");
        output.Write(table);
        output.WriteLine();
    }

    public void StationaryFalseAlarms()
    {
        var timer = Stopwatch.StartNew();
        var reference = SyntheticStream.Reference(InputDriftDelay.Features, settings.ReferenceRows, 1_000_000 + InputDriftDelay.Features);
        var table = new TextTable("rule", "window", "cases", "alarms", "per 100,000", "test alone flags per 100,000");
        var seeds = Math.Max(1, settings.Seeds / 2);
        foreach (var window in BenchSettings.Windows)
        {
            var r = StationaryAlarms.InputDrift(reference, window, settings.StationaryCasesPerWindow, seeds);
            var w = window.ToString(CultureInfo.InvariantCulture);
            table.Add($"input drift (x1..x{InputDriftDelay.Features})", w, Count(r.Cases), Count(r.InputAlarms), PerHundredThousand(r.InputAlarms, r.Cases), PerHundredThousand(r.TestAloneFlags, r.Cases));
            table.Add("confidence drift", w, Count(r.Cases), Count(r.ConfidenceAlarms), PerHundredThousand(r.ConfidenceAlarms, r.Cases), string.Empty);
            table.Add("prediction drift", w, Count(r.Cases), Count(r.PredictionAlarms), PerHundredThousand(r.PredictionAlarms, r.Cases), string.Empty);
            progress.WriteLine($"  stationary: window {window} done ({timer.Elapsed.TotalSeconds:0.0} s)");
        }

        var (cases, adwin, pageHinkley) = StationaryAlarms.ErrorRate(0.05, settings.StationaryErrorCases, settings.Seeds);
        table.Add("concept drift, ADWIN (monitor), 5 % errors", "-", Count(cases), Count(adwin), PerHundredThousand(adwin, cases), string.Empty);
        table.Add("Page-Hinkley, 5 % errors", "-", Count(cases), Count(pageHinkley), PerHundredThousand(pageHinkley, cases), string.Empty);
        output.WriteLine("2a. False alarms on stationary i.i.d. data (an alarm = a condition turning from inactive to active; target < 1 per 100,000 cases)");
        output.WriteLine("    'test alone': flags of KS / chi-square (corrected p < 0.05) or the distance line over all drift features, without the PSI line");
        output.Write(table);
        output.WriteLine();
    }

    public LinePilot LinePilot()
    {
        var timer = Stopwatch.StartNew();
        var pilot = Drift.LinePilot.Create(1, settings.ReferenceRows);
        progress.WriteLine($"  pilot trained, {pilot.PartsBeforeSupplierChange.Count:N0} live parts simulated ({timer.Elapsed.TotalSeconds:0.0} s)");
        return pilot;
    }

    public void LineAlarms(LinePilot pilot)
    {
        var table = new TextTable("feature", "window", "alarms", "of which in wear episodes", "first alarm (day)", "share of checks active");
        var cases = 0;
        foreach (var window in BenchSettings.Windows)
        {
            var (n, features) = Drift.LineAlarms.Run(pilot, window);
            cases = n;
            foreach (var f in features)
            {
                table.Add(f.Feature, window.ToString(CultureInfo.InvariantCulture), Count(f.Alarms), Count(f.AlarmsInWearEpisodes), f.FirstAlarmDay is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "-", $"{f.ActiveShare * 100:0.0} %");
            }
        }

        output.WriteLine($"2b. Drift alarms on the simulated CNC line before its supplier change (days 0-{pilot.SupplierChange.TotalDays:0}, {cases:N0} parts, seed 1)");
        output.WriteLine("    real changes: seasonal shop-floor temperature, tool-wear episodes on days 24-27 and 53-57 (counted to a day after);\n    every day starts with a fresh tool, so vibration, torque and temperature cycle within the day; alarms here are findings, not false alarms");
        output.Write(table);
        output.WriteLine();
    }

    public async Task RuntimeCostAsync(LinePilot pilot, CancellationToken cancellationToken)
    {
        var timer = Stopwatch.StartNew();
        var noOp = await RuntimeCost.NoOpStoreAsync(pilot, settings, cancellationToken).ConfigureAwait(false);
        progress.WriteLine($"  runtime cost, no-op store done ({timer.Elapsed.TotalSeconds:0.0} s)");
        var folder = Directory.CreateTempSubdirectory("rung-driftbench-");
        IReadOnlyList<RuntimeCost.Result> hourly;
        IReadOnlyList<RuntimeCost.Result> single;
        try
        {
            hourly = await RuntimeCost.SqliteHourlyBatchesAsync(pilot, settings, folder.FullName, cancellationToken).ConfigureAwait(false);
            single = await RuntimeCost.SqliteSingleCasesAsync(pilot, settings, folder.FullName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        progress.WriteLine($"  runtime cost, SQLite done ({timer.Elapsed.TotalSeconds:0.0} s)");
        var table = new TextTable("decision path (AgentRuntime.DecideAsync)", "store", "batch", "us per case", "monitoring adds", "share of decision", "rounds (us per case)");
        foreach (var group in new[] { noOp, hourly, single })
        {
            var baseline = group[0].MicrosecondsPerCase;
            foreach (var r in group)
            {
                var added = r.MicrosecondsPerCase - baseline;
                table.Add(
                    r.Setup.Name, r.Setup.Store, r.Setup.Batch.ToString(CultureInfo.InvariantCulture), Us(r.MicrosecondsPerCase),
                    r.Setup.Window is null ? "-" : Us(added), r.Setup.Window is null ? "-" : $"{added / baseline * 100:0} %",
                    string.Join(" ", r.Rounds.Select(Us)));
            }
        }

        output.WriteLine("3a. Per-case cost of monitoring on the decision path: CNC line parts, the in-process pilot model, stage Shadow");
        output.WriteLine($"    median of {settings.CostRounds} rounds x {settings.CostCasesPerRound:N0} cases (no-op store) and {settings.SqliteRounds} x {settings.SqliteCasesPerRound} / {settings.SqliteCasesPerRound / 4} (SQLite, synchronous=FULL, batch 24 / 1) after a warm-up that fills the window;");
        output.WriteLine("    the watch checks its conditions at most once a minute of clock time: every case on the 2.5 min cycle, every 60th at 1 case/s");
        output.Write(table);
        output.WriteLine();
    }

    public void MonitorMicro()
    {
        var lines = Drift.MonitorMicro.Run(settings, settings.ReferenceRows);
        var table = new TextTable("inputs", "window", "Observe us/case", "Conditions cached us", "Conditions re-test us", "re-test us/feature", "re-test per case us", "alarm book us", "snapshot+JSON us", "Observe B/case", "re-test KB");
        foreach (var l in lines)
        {
            var step = Math.Max(10, l.Window / 10);
            table.Add(
                l.Features.ToString(CultureInfo.InvariantCulture), l.Window.ToString(CultureInfo.InvariantCulture), Us(l.ObservePerCaseUs), Us(l.CachedConditionsUs), Us(l.RetestConditionsUs),
                Us((l.RetestConditionsUs - l.CachedConditionsUs) / l.Tested), Us((l.RetestConditionsUs - l.CachedConditionsUs) / step), Us(l.AlarmBookUs), Us(l.SnapshotUs), Count(l.ObserveBytesPerCase), Count(l.RetestKilobytes));
        }

        output.WriteLine("3b. AgentMonitor on its own (synthetic cases; re-test = a Conditions call that re-tests the window, every max(10, W/10) cases;");
        output.WriteLine("    per feature = re-test minus cached, over inputs + confidence + action; per case = the same over the re-test interval)");
        output.Write(table);
        output.WriteLine();
    }

    public async Task CheckBreakdownAsync(LinePilot pilot, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("rung-driftbench-");
        IReadOnlyList<CheckBreakdown.Result> results;
        try
        {
            results = await CheckBreakdown.RunAsync(pilot, 2000, settings.MicroRounds * 3, folder.FullName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var table = new TextTable(["step of AgentWatch.CheckAsync", .. results.Select(r => $"{r.Store} us")]);
        for (var k = 0; k < CheckBreakdown.Steps.Length; k++)
        {
            table.Add([CheckBreakdown.Steps[k], .. results.Select(r => Us(r.MicrosecondsPerStep[k]))]);
        }

        output.WriteLine("3c. One check taken apart (CNC line agent on AutoWithExceptions, W 2000, 9 drift features; SQLite holds the decisions journalled to fill");
        output.WriteLine($"    the window, with {results[^1].OpenExceptions:N0} exception items left open: nobody clears the queue in a benchmark)");
        output.Write(table);
        output.WriteLine();
    }

    public void RetestParts()
    {
        var table = new TextTable("window", "test", "extract values us", "PSI bins us", "test now us", "test, reference kept sorted us", "same statistic");
        foreach (var r in Drift.RetestParts.Run(settings.ReferenceRows, settings.MicroRounds))
        {
            table.Add(r.Window.ToString(CultureInfo.InvariantCulture), r.Test, Us(r.ExtractUs), Us(r.PsiUs), Us(r.TestNowUs), Us(r.TestPresortedUs), r.Check < 1e-12 ? "yes" : $"no ({r.Check:E1})");
        }

        output.WriteLine("3d. One numeric feature's re-test taken apart (DriftDetector copies the 5,000-value reference sample and checks its order on every test)");
        output.Write(table);
        output.WriteLine();
    }

    private static void AddDelayRow(TextTable table, string name, string column, long?[] delays, int? alarmsBefore)
    {
        var found = delays.Where(d => d is not null).Select(d => (double)d!.Value).ToArray();
        var missed = delays.Length - found.Length;
        var cells = new List<string>
        {
            name, column,
            found.Length == 0 ? "-" : Count(Stats.Median(found)),
            found.Length == 0 ? "-" : Count(Stats.Quantile(found, 0.9)),
            found.Length == 0 ? "-" : Count(found.Min()),
            found.Length == 0 ? "-" : Count(found.Max()),
            $"{missed}/{delays.Length}",
        };
        if (alarmsBefore is { } before)
        {
            cells.Add(before.ToString(CultureInfo.InvariantCulture));
        }

        table.Add([.. cells]);
    }

    private static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string PerHundredThousand(long alarms, long cases) => (alarms * 100_000.0 / cases).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Us(double value) => value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
