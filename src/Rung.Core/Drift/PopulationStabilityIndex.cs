namespace Rung.Core.Drift;

/// <summary>
/// The population stability index on fixed bins: Σ (c - r)·ln(c / r) over bin fractions. Pure and thread-safe.
/// Common reading: below 0.1 stable, 0.1 to 0.2 moderate shift, 0.2 and above a notable shift.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>
    /// The fraction that stands in for an empty bin so the logarithm stays finite: 1e-4, as Evidently and
    /// NannyML use.
    /// </summary>
    public const double DefaultEpsilon = 1e-4;

    /// <summary>PSI between two binned distributions given as fractions (each normalised to sum 1 first).</summary>
    /// <exception cref="ArgumentException">When the lists differ in length, a value is negative, or a side sums to 0.</exception>
    public static double FromFractions(IReadOnlyList<double> reference, IReadOnlyList<double> current, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        if (reference.Count != current.Count)
        {
            throw new ArgumentException($"The reference has {reference.Count} bins and the current sample {current.Count}.", nameof(current));
        }

        var referenceSum = Sum(reference, nameof(reference));
        var currentSum = Sum(current, nameof(current));
        var psi = 0.0;
        for (var i = 0; i < reference.Count; i++)
        {
            var r = Math.Max(reference[i] / referenceSum, epsilon);
            var c = Math.Max(current[i] / currentSum, epsilon);
            psi += (c - r) * Math.Log(c / r);
        }

        return psi;
    }

    /// <summary>PSI between two binned distributions given as counts.</summary>
    public static double FromCounts(IReadOnlyList<long> reference, IReadOnlyList<long> current, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return FromFractions(reference.Select(c => (double)c).ToArray(), current.Select(c => (double)c).ToArray(), epsilon);
    }

    private static double Sum(IReadOnlyList<double> values, string name)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            if (v < 0 || double.IsNaN(v))
            {
                throw new ArgumentException("Bin fractions must be non-negative numbers.", name);
            }

            sum += v;
        }

        return sum > 0 ? sum : throw new ArgumentException("The bins sum to zero.", name);
    }
}
