using System.Diagnostics;

namespace Rung.Hardening.Tests.Fuzzing;

/// <summary>
/// Feeds one target its budget of mutated and random inputs on a dedicated thread and watches it. A finding is an
/// exception other than the target's clear refusal, an input that allocates more than the target's memory bound,
/// or an input still running after <see cref="HangAfter"/> (the run stops there; the stuck input is the finding).
/// Findings are also written to artifacts/fuzz/ so they can be replayed.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>How long one input may run before it counts as a hang; generous, so a slow CI machine is no finding.</summary>
    public static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(30);

    public static FuzzReport Run(
        string target,
        FuzzBudget budget,
        IReadOnlyList<byte[]> corpus,
        IReadOnlyList<string> dictionary,
        Func<byte[], FuzzOutcome> run,
        Func<byte[], long> allocationLimit)
    {
        var findings = new List<FuzzFinding>();
        var accepted = 0;
        var refused = 0;
        var current = -1;
        byte[] input = [];
        var mutator = new Mutator(new Random(budget.Seed ^ StableHash(target)), corpus, dictionary);
        var worker = new Thread(
            () =>
        {
            for (var i = 0; i < budget.Iterations + corpus.Count; i++)
            {
                var next = i < corpus.Count ? corpus[i] : mutator.Next();
                Volatile.Write(ref input, next);
                Volatile.Write(ref current, i);
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    if (run(next) == FuzzOutcome.Accepted)
                    {
                        accepted++;
                    }
                    else
                    {
                        refused++;
                    }
                }
#pragma warning disable CA1031 // Every escaping exception is exactly what the harness looks for.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    lock (findings)
                    {
                        findings.Add(new FuzzFinding(target, budget.Seed, i, next, $"{ex.GetType().Name} escaped: {ex.Message}"));
                    }

                    continue;
                }

                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                var limit = allocationLimit(next);
                if (allocated > limit)
                {
                    lock (findings)
                    {
                        findings.Add(new FuzzFinding(target, budget.Seed, i, next, $"allocated {allocated:N0} bytes for one input; the bound is {limit:N0}"));
                    }
                }
            }

            Volatile.Write(ref current, int.MaxValue);
        },
            16 << 20)
        { IsBackground = true, Name = "fuzz " + target };
        worker.Start();

        var watched = -1;
        var since = Stopwatch.StartNew();
        while (!worker.Join(TimeSpan.FromMilliseconds(200)))
        {
            var now = Volatile.Read(ref current);
            if (now != watched)
            {
                watched = now;
                since.Restart();
            }
            else if (since.Elapsed > HangAfter)
            {
                lock (findings)
                {
                    findings.Add(new FuzzFinding(target, budget.Seed, now, Volatile.Read(ref input), $"still running after {HangAfter.TotalSeconds:N0} s: a hang"));
                }

                break;
            }
        }

        List<FuzzFinding> found;
        lock (findings)
        {
            found = [.. findings];
        }

        Save(found);
        return new FuzzReport(target, Math.Min(Volatile.Read(ref current), budget.Iterations + corpus.Count), accepted, refused, found);
    }

    /// <summary>A hash of the target name that is the same in every process (string.GetHashCode is randomized).</summary>
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    private static void Save(List<FuzzFinding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        var folder = Path.Combine(RepoRoot(), "artifacts", "fuzz");
        Directory.CreateDirectory(folder);
        foreach (var finding in findings.Take(20))
        {
            File.WriteAllBytes(Path.Combine(folder, $"{finding.Target}-{finding.Seed}-{finding.Iteration}.bin"), finding.Input);
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rung.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Path.GetTempPath();
    }
}
