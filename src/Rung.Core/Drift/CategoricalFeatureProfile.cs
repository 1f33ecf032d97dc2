namespace Rung.Core.Drift;

/// <summary>
/// The reference distribution of one categorical feature (also used for the model's predicted action).
/// Immutable and thread-safe.
/// </summary>
/// <param name="MissingRate">Share of reference rows where the feature was absent or empty.</param>
/// <param name="Counts">Reference count per category, ordinal order of category names.</param>
public sealed record CategoricalFeatureProfile(double MissingRate, IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>Present reference values.</summary>
    public long Total => Counts.Values.Sum();

    /// <summary>The reference share of <paramref name="category"/>; 0 when it was never seen.</summary>
    public double Frequency(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var total = Total;
        return total == 0 ? 0 : Counts.GetValueOrDefault(category) / (double)total;
    }
}
