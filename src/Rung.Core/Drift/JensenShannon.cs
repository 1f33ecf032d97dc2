namespace Rung.Core.Drift;

/// <summary>The Jensen-Shannon distance between two discrete distributions. Pure and thread-safe.</summary>
public static class JensenShannon
{
    /// <summary>
    /// The square root of the Jensen-Shannon divergence in base 2, so the result lies in [0, 1]: 0 for equal
    /// distributions, 1 for distributions with disjoint support. Both inputs are normalised to sum 1 first
    /// (counts or fractions both work). Same as scipy's <c>jensenshannon(p, q, base=2)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">When the lists differ in length, a value is negative, or a side sums to 0.</exception>
    public static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count)
        {
            throw new ArgumentException($"The distributions have {p.Count} and {q.Count} bins.", nameof(q));
        }

        var ps = Sum(p, nameof(p));
        var qs = Sum(q, nameof(q));
        var divergence = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var pi = p[i] / ps;
            var qi = q[i] / qs;
            var mi = (pi + qi) / 2;
            divergence += (Term(pi, mi) + Term(qi, mi)) / 2;
        }

        // Rounding can leave a tiny negative divergence for identical inputs.
        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }

    private static double Term(double x, double m) => x == 0 ? 0 : x * Math.Log2(x / m);

    private static double Sum(IReadOnlyList<double> values, string name)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            if (v < 0 || double.IsNaN(v))
            {
                throw new ArgumentException("Distribution weights must be non-negative numbers.", name);
            }

            sum += v;
        }

        return sum > 0 ? sum : throw new ArgumentException("The distribution sums to zero.", name);
    }
}
