using System.Globalization;
using Rung.Core.Policy;
using static System.FormattableString;

namespace Rung.Bench;

/// <summary>Prints the tables and the verdict. Every figure is the median over the measured rounds.</summary>
internal static class Report
{
    private const double PerCoreGoal = 50_000;
    private const double JournalShareGoal = 0.5;
    private static readonly int[] Widths = [8, 10, 6, 10, 11, 11, 12, 12, 13, 12];

    public static void Print(IReadOnlyList<ScenarioResult> results, int rounds)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"Throughput, median of {rounds} round(s). Ratio and shares compare each durable row with the nowhere row of the same connector and batch."));
        Console.WriteLine();
        Row("journal", "connector", "batch", "decisions", "dec/s wall", "CPU us/dec", "dec/CPU-s", "dur/nowhere", "journal wall", "journal CPU");
        Rule(10);
        foreach (var result in results)
        {
            var s = result.Scenario;
            var baseline = Baseline(results, s);
            var durable = s.Journal == JournalKind.Durable && baseline is not null;
            Row(
                s.JournalName,
                s.ConnectorName,
                N(s.BatchSize),
                N(result.Decisions),
                N(result.DecisionsPerSecond),
                F(result.CpuMicros, 2),
                N(result.DecisionsPerCpuSecond),
                durable ? F(result.WallMicros / baseline!.WallMicros, 1) + "x" : "-",
                durable ? P(1 - (baseline!.WallMicros / result.WallMicros)) : "-",
                durable ? P(1 - (baseline!.CpuMicros / result.CpuMicros)) : "-");
        }

        Console.WriteLine();
        Console.WriteLine("Where the wall time goes, microseconds per decision (decide = data contract, model, guard, stage policy, records):");
        Console.WriteLine();
        Row("journal", "connector", "batch", "total", "decide", "append", "mark deliv.", "connector", "alloc B/dec", "GC 0/1/2");
        Rule(10);
        foreach (var result in results)
        {
            var s = result.Scenario;
            var append = result.Median(r => r.Per(r.AppendSeconds));
            var mark = result.Median(r => r.Per(r.MarkDeliveredSeconds));
            var connector = result.Median(r => r.Per(r.ConnectorSeconds));
            var decide = result.Median(r => r.Per(r.WallSeconds - r.AppendSeconds - r.MarkDeliveredSeconds - r.ConnectorSeconds));
            var alloc = result.Median(r => (double)r.AllocatedBytes / r.Decisions);
            var gcs = Invariant($"{result.Median(r => r.Gen0):0}/{result.Median(r => r.Gen1):0}/{result.Median(r => r.Gen2):0}");
            Row(s.JournalName, s.ConnectorName, N(s.BatchSize), F(result.WallMicros, 2), F(decide, 2), F(append, 2), F(mark, 2), F(connector, 2), N(alloc), gcs);
        }

        PrintDispositions(results);
        PrintVerdict(results);
    }

    public static void PrintAnatomy(IReadOnlyList<AnatomyStep> steps)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"Journal anatomy at batch {JournalAnatomy.BatchSize}, {steps[0].Decisions:N0} decisions, one pass each (per decision):"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"{"step",-96}{"wall us",10}{"CPU us",10}{"dec/CPU-s",12}"));
        Console.WriteLine(new string('-', 128));
        foreach (var step in steps)
        {
            Console.WriteLine(Invariant($"{step.Name,-96}{step.WallMicros,10:F2}{step.CpuMicros,10:F2}{step.Decisions / step.CpuSeconds,12:N0}"));
        }
    }

    private static void PrintDispositions(IReadOnlyList<ScenarioResult> results)
    {
        var sample = results.OrderByDescending(r => r.Decisions).First().Rounds[0];
        var parts = Enum.GetValues<Disposition>()
            .Where(d => sample.Dispositions[(int)d] > 0)
            .Select(d => Invariant($"{d} {100.0 * sample.Dispositions[(int)d] / sample.Decisions:0.0} %"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"Dispositions over {sample.Decisions:N0} decisions on AutoWithExceptions: {string.Join(", ", parts)}."));
    }

    private static void PrintVerdict(IReadOnlyList<ScenarioResult> results)
    {
        var best = results
            .Where(r => r.Scenario is { Journal: JournalKind.Durable, Connector: ConnectorKind.Discard })
            .MaxBy(r => r.DecisionsPerSecond);
        var baseline = best is null ? null : Baseline(results, best.Scenario);
        if (best is null || baseline is null)
        {
            Console.WriteLine("Verdict: needs the durable and nowhere runs with the discard connector.");
            return;
        }

        var withFile = results.FirstOrDefault(r => r.Scenario == best.Scenario with { Connector = ConnectorKind.JsonLines });
        var share = 1 - (baseline.WallMicros / best.WallMicros);
        var wallMet = best.DecisionsPerSecond >= PerCoreGoal;
        var cpuMet = best.DecisionsPerCpuSecond >= PerCoreGoal;
        var goal = (wallMet, cpuMet) switch
        {
            (true, true) => "MET",
            (false, true) => "MET per CPU-second only, NOT MET on the wall clock",
            (true, false) => "MET on the wall clock only, NOT MET per CPU-second",
            _ => "NOT MET",
        };
        var fileNote = withFile is null ? string.Empty : Invariant($"; with the JSON-lines connector {withFile.DecisionsPerSecond:N0}/s");
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"Verdict: {PerCoreGoal:N0} durable decisions/s per core: {goal} (best: batch {best.Scenario.BatchSize}, {best.DecisionsPerSecond:N0}/s wall on one loop, {best.DecisionsPerCpuSecond:N0} per CPU-second{fileNote})."));
        Console.WriteLine(Invariant(
            $"Journal under half of the path: {(share < JournalShareGoal ? "MET" : "NOT MET")} (journal {share * 100:0} % of wall time at batch {best.Scenario.BatchSize}; {baseline.DecisionsPerSecond:N0}/s journalling nowhere)."));
    }

    private static ScenarioResult? Baseline(IReadOnlyList<ScenarioResult> results, Scenario scenario) =>
        results.FirstOrDefault(r => r.Scenario == scenario with { Journal = JournalKind.Nowhere });

    private static void Row(params string[] cells)
    {
        Console.WriteLine(string.Concat(cells.Select((c, i) => i < 3 ? c.PadRight(Widths[i]) : c.PadLeft(Widths[i]))));
    }

    private static void Rule(int columns) => Console.WriteLine(new string('-', Widths.Take(columns).Sum()));

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string P(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
