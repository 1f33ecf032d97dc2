namespace Rung.Core.Drift;

/// <summary>Chi-square tests on category or bin counts. Pure and thread-safe.</summary>
public static class ChiSquare
{
    /// <summary>
    /// The chi-square test of homogeneity on a 2×k table: do the reference counts and the current counts come
    /// from one categorical distribution? Categories empty in both samples are dropped; degrees of freedom are
    /// (non-empty categories - 1). This is scipy's <c>chi2_contingency</c> without continuity correction.
    /// </summary>
    /// <exception cref="ArgumentException">When the lists differ in length, a count is negative, or a sample is empty.</exception>
    public static TestResult Homogeneity(IReadOnlyList<long> referenceCounts, IReadOnlyList<long> currentCounts)
    {
        ArgumentNullException.ThrowIfNull(referenceCounts);
        ArgumentNullException.ThrowIfNull(currentCounts);
        if (referenceCounts.Count != currentCounts.Count)
        {
            throw new ArgumentException($"The reference has {referenceCounts.Count} categories and the current sample {currentCounts.Count}.", nameof(currentCounts));
        }

        double r = Total(referenceCounts, nameof(referenceCounts));
        double c = Total(currentCounts, nameof(currentCounts));
        var n = r + c;
        var statistic = 0.0;
        var categories = 0;
        for (var i = 0; i < referenceCounts.Count; i++)
        {
            double column = referenceCounts[i] + currentCounts[i];
            if (column == 0)
            {
                continue;
            }

            categories++;
            var expectedReference = column * r / n;
            var expectedCurrent = column * c / n;
            statistic += Square(referenceCounts[i] - expectedReference) / expectedReference;
            statistic += Square(currentCounts[i] - expectedCurrent) / expectedCurrent;
        }

        return Result(statistic, categories - 1);
    }

    /// <summary>
    /// The chi-square goodness-of-fit test of observed counts against expected fractions (normalised to sum 1).
    /// Degrees of freedom are (categories - 1). A category with an expected fraction of 0 and a non-zero count
    /// gives an infinite statistic and a p-value of 0.
    /// </summary>
    /// <exception cref="ArgumentException">When the lists differ in length, a value is negative, or a side sums to 0.</exception>
    public static TestResult GoodnessOfFit(IReadOnlyList<long> observedCounts, IReadOnlyList<double> expectedFractions)
    {
        ArgumentNullException.ThrowIfNull(observedCounts);
        ArgumentNullException.ThrowIfNull(expectedFractions);
        if (observedCounts.Count != expectedFractions.Count)
        {
            throw new ArgumentException($"There are {observedCounts.Count} observed counts and {expectedFractions.Count} expected fractions.", nameof(expectedFractions));
        }

        double n = Total(observedCounts, nameof(observedCounts));
        var fractionSum = expectedFractions.Sum();
        if (expectedFractions.Any(f => f < 0 || double.IsNaN(f)) || fractionSum <= 0)
        {
            throw new ArgumentException("Expected fractions must be non-negative numbers with a positive sum.", nameof(expectedFractions));
        }

        var statistic = 0.0;
        for (var i = 0; i < observedCounts.Count; i++)
        {
            var expected = n * expectedFractions[i] / fractionSum;
            if (expected == 0)
            {
                statistic += observedCounts[i] == 0 ? 0 : double.PositiveInfinity;
                continue;
            }

            statistic += Square(observedCounts[i] - expected) / expected;
        }

        return Result(statistic, observedCounts.Count - 1);
    }

    private static TestResult Result(double statistic, int degreesOfFreedom) =>
        degreesOfFreedom < 1
            ? new TestResult(0, 1, 0)
            : new TestResult(
                statistic,
                double.IsPositiveInfinity(statistic) ? 0 : SpecialFunctions.ChiSquareSurvival(statistic, degreesOfFreedom),
                degreesOfFreedom);

    private static long Total(IReadOnlyList<long> counts, string name)
    {
        long total = 0;
        foreach (var count in counts)
        {
            if (count < 0)
            {
                throw new ArgumentException("Counts must not be negative.", name);
            }

            total += count;
        }

        return total > 0 ? total : throw new ArgumentException("The counts sum to zero.", name);
    }

    private static double Square(double x) => x * x;
}
