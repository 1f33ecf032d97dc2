namespace Rung.Core.Drift;

/// <summary>The first Wasserstein (earth mover's) distance between two samples. Pure and thread-safe.</summary>
public static class Wasserstein
{
    /// <summary>The floor under the reference standard deviation in <see cref="Normed"/>: 0.001, as Evidently.</summary>
    public const double MinimumScale = 0.001;

    /// <summary>
    /// W₁ = ∫ |F_a(x) - F_b(x)| dx between the empirical distributions, in the samples' units. This is what scipy's
    /// <c>wasserstein_distance(a, b)</c> returns. NaN values are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">When either sample has no value that is a number.</exception>
    public static double Distance(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = SortedSample.Of(a, nameof(a));
        var y = SortedSample.Of(b, nameof(b));
        return DistanceSorted(x, y);
    }

    /// <summary>
    /// W₁ divided by max(<paramref name="referenceStd"/>, 0.001): Evidently's "normed Wasserstein", unit-free, so
    /// 0.1 means the distributions moved apart by a tenth of the reference spread.
    /// </summary>
    public static double Normed(IReadOnlyList<double> reference, IReadOnlyList<double> current, double referenceStd) =>
        Distance(reference, current) / Math.Max(referenceStd, MinimumScale);

    /// <summary>W₁ for samples already sorted ascending (no NaN). Allocation-free.</summary>
    public static double DistanceSorted(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        int i = 0, j = 0;
        double n = sortedA.Length, m = sortedB.Length;
        var area = 0.0;
        var previous = Math.Min(sortedA[0], sortedB[0]);
        while (i < sortedA.Length || j < sortedB.Length)
        {
            var next = j >= sortedB.Length || (i < sortedA.Length && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            area += Math.Abs((i / n) - (j / m)) * (next - previous);
            while (i < sortedA.Length && sortedA[i] == next)
            {
                i++;
            }

            while (j < sortedB.Length && sortedB[j] == next)
            {
                j++;
            }

            previous = next;
        }

        return area;
    }
}
