namespace Rung.Core.Drift;

/// <summary>
/// The reference distribution of one numeric feature (also used for the model's confidence). Immutable and
/// thread-safe.
/// </summary>
/// <param name="Count">Reference values that were present and finite.</param>
/// <param name="MissingRate">Share of reference rows where the feature was absent, NaN or infinite.</param>
/// <param name="Mean">Mean of the present values (0 when there are none).</param>
/// <param name="Std">Population standard deviation (divisor n, as numpy's default) of the present values.</param>
/// <param name="Min">Smallest present value.</param>
/// <param name="Max">Largest present value.</param>
/// <param name="Edges">
/// Inner bin edges, ascending and distinct: the reference quantiles at 1/b, 2/b ... (b-1)/b, with ties merged.
/// The outer bins are open-ended, so a value beyond the reference range still lands in a bin. Bin i holds
/// values v with Edges[i-1] &lt; v &lt;= Edges[i].
/// </param>
/// <param name="BinFractions">Share of present reference values per bin; Edges.Count + 1 entries.</param>
/// <param name="Sample">
/// A sorted, deterministic subsample of the reference for KS and Wasserstein: all values when there are few
/// enough, otherwise evenly spaced order statistics (which keep the empirical distribution to within 1/size).
/// </param>
public sealed record NumericFeatureProfile(
    long Count,
    double MissingRate,
    double Mean,
    double Std,
    double Min,
    double Max,
    IReadOnlyList<double> Edges,
    IReadOnlyList<double> BinFractions,
    IReadOnlyList<double> Sample)
{
    /// <summary>The bin a value falls in, 0 to Edges.Count.</summary>
    public int BinOf(double value)
    {
        // Lower bound: the number of edges strictly below the value.
        int lo = 0, hi = Edges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Edges[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Counts of <paramref name="values"/> per bin of this profile; NaN and infinite values are skipped.</summary>
    public long[] BinCounts(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var counts = new long[Edges.Count + 1];
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                counts[BinOf(v)]++;
            }
        }

        return counts;
    }
}
