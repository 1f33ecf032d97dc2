using System.Diagnostics;
using Rung.Core.Drift;

namespace Rung.Bench.Drift;

/// <summary>
/// One numeric feature's re-test taken apart, as <see cref="DriftDetector"/> does it today, next to the same
/// arithmetic with the reference sample sorted once (it already is: the profile stores it sorted) and the window
/// sorted once: what keeping the sorted reference as an array would save per feature and re-test.
/// </summary>
internal static class RetestParts
{
    public sealed record Result(int Window, string Test, double ExtractUs, double PsiUs, double TestNowUs, double TestPresortedUs, double Check);

    public static IReadOnlyList<Result> Run(int referenceRows, int rounds)
    {
        var reference = SyntheticStream.Reference(InputDriftDelay.Features, referenceRows, 1_000_000 + InputDriftDelay.Features);
        var profile = reference.Numeric[SyntheticStream.ShiftedFeature];
        var sortedSample = profile.Sample.ToArray();
        var results = new List<Result>();
        foreach (var window in BenchSettings.Windows)
        {
            var stream = new SyntheticStream(InputDriftDelay.Features, 5);
            IReadOnlyList<IReadOnlyDictionary<string, double>> rows = [.. Enumerable.Range(0, window).Select(_ => stream.Next(DriftScenario.None, -1).Case.Features.Values)];
            var large = window > DriftThresholds.Default.LargeWindow;
            var extract = new List<double>();
            var psi = new List<double>();
            var now = new List<double>();
            var presorted = new List<double>();
            double check = 0;
            const int Repeats = 10;
            for (var r = -1; r < rounds * 3; r++)
            {
                var t = Stopwatch.GetTimestamp();
                double[] values = [];
                for (var k = 0; k < Repeats; k++)
                {
                    values = rows.Select(row => row.TryGetValue(SyntheticStream.ShiftedFeature, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
                }

                var e = Stopwatch.GetElapsedTime(t).TotalMicroseconds / Repeats;
                t = Stopwatch.GetTimestamp();
                for (var k = 0; k < Repeats; k++)
                {
                    _ = PopulationStabilityIndex.FromFractions(profile.BinFractions, [.. profile.BinCounts(values).Select(c => (double)c)]);
                }

                var p = Stopwatch.GetElapsedTime(t).TotalMicroseconds / Repeats;
                t = Stopwatch.GetTimestamp();
                double a = 0;
                for (var k = 0; k < Repeats; k++)
                {
                    a = large ? Wasserstein.Normed(profile.Sample, values, profile.Std) : KolmogorovSmirnov.TwoSample(profile.Sample, values).Statistic;
                }

                var n = Stopwatch.GetElapsedTime(t).TotalMicroseconds / Repeats;
                t = Stopwatch.GetTimestamp();
                double b = 0;
                for (var k = 0; k < Repeats; k++)
                {
                    var sorted = (double[])values.Clone();
                    Array.Sort(sorted);
                    b = large ? Wasserstein.DistanceSorted(sortedSample, sorted) / profile.Std : KolmogorovSmirnov.Statistic(sortedSample, sorted);
                }

                var s = Stopwatch.GetElapsedTime(t).TotalMicroseconds / Repeats;
                check = Math.Max(check, Math.Abs(a - b));
                if (r < 0)
                {
                    continue;
                }

                extract.Add(e);
                psi.Add(p);
                now.Add(n);
                presorted.Add(s);
            }

            results.Add(new Result(window, large ? "normed Wasserstein" : "Kolmogorov-Smirnov", Stats.Median(extract), Stats.Median(psi), Stats.Median(now), Stats.Median(presorted), check));
        }

        return results;
    }
}
