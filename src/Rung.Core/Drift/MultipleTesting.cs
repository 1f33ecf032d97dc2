namespace Rung.Core.Drift;

/// <summary>Adjusted p-values for testing many features at once. Pure and thread-safe.</summary>
public static class MultipleTesting
{
    /// <summary>
    /// Adjusts <paramref name="pValues"/> (in the same order) so each can be compared with the nominal level:
    /// a feature is significant when its adjusted p-value is below the level.
    /// </summary>
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> pValues, MultipleTestingCorrection correction) => correction switch
    {
        MultipleTestingCorrection.None => [.. pValues],
        MultipleTestingCorrection.Bonferroni => Bonferroni(pValues),
        MultipleTestingCorrection.BenjaminiHochberg => BenjaminiHochberg(pValues),
        _ => throw new ArgumentOutOfRangeException(nameof(correction), correction, "Unknown correction."),
    };

    /// <summary>Bonferroni: min(1, p·m) for m p-values.</summary>
    public static IReadOnlyList<double> Bonferroni(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        return pValues.Select(p => Math.Min(1, Checked(p) * m)).ToArray();
    }

    /// <summary>
    /// Benjamini-Hochberg step-up q-values: for the i-th smallest p, q = min over j ≥ i of p₍ⱼ₎·m/j, capped at 1.
    /// Same as R's <c>p.adjust(p, "BH")</c> and statsmodels' <c>fdr_bh</c>.
    /// </summary>
    public static IReadOnlyList<double> BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => Checked(pValues[i])).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            running = Math.Min(running, pValues[index] * m / rank);
            adjusted[index] = running;
        }

        return adjusted;
    }

    private static double Checked(double p) =>
        p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "A p-value must lie in [0, 1].");
}
