namespace Rung.Core.Drift;

/// <summary>
/// The two-sample Kolmogorov-Smirnov test. Pure and thread-safe; inputs are not modified.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>
    /// D = sup |F_a(x) - F_b(x)| and its asymptotic two-sided p-value Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·D) with the
    /// effective size nₑ = n·m/(n+m) (Stephens' small-sample correction, as in Numerical Recipes' <c>kstwo</c> and
    /// scipy's <c>ks_2samp(method='asymp')</c> before 1.5; newer scipy evaluates the finite-n one-sample law instead,
    /// which differs in the third decimal for small samples). NaN values are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">When either sample has no finite value.</exception>
    public static TestResult TwoSample(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = SortedSample.Of(a, nameof(a));
        var y = SortedSample.Of(b, nameof(b));
        var d = Statistic(x, y);
        double n = x.Length;
        double m = y.Length;
        var en = Math.Sqrt(n * m / (n + m));
        var p = SpecialFunctions.KolmogorovSurvival((en + 0.12 + (0.11 / en)) * d);
        return new TestResult(d, p);
    }

    /// <summary>D for two samples already sorted ascending (no NaN). Allocation-free.</summary>
    public static double Statistic(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        int i = 0, j = 0;
        double n = sortedA.Length, m = sortedB.Length;
        var d = 0.0;
        while (i < sortedA.Length && j < sortedB.Length)
        {
            // Step over ties in both samples together so D is taken between distinct values only.
            var v = Math.Min(sortedA[i], sortedB[j]);
            while (i < sortedA.Length && sortedA[i] == v)
            {
                i++;
            }

            while (j < sortedB.Length && sortedB[j] == v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs((i / n) - (j / m)));
        }

        return d;
    }
}
