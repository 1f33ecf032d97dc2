namespace Rung.Core.Drift;

/// <summary>
/// Compares a window of live rows with a <see cref="ReferenceProfile"/>, feature by feature, choosing the test
/// by feature kind and window size as Evidently does:
/// numeric, window &lt;= <see cref="DriftThresholds.LargeWindow"/>: Kolmogorov-Smirnov against the reference
/// sample, drift when the corrected p &lt; <see cref="DriftThresholds.PValue"/>;
/// numeric, larger window: normed Wasserstein, drift when &gt;= <see cref="DriftThresholds.NormedWasserstein"/>;
/// categorical, small window: chi-square homogeneity against the reference counts (corrected p-value);
/// categorical, larger window: Jensen-Shannon distance, drift when &gt;= <see cref="DriftThresholds.JensenShannon"/>.
/// PSI is reported for every feature. Stateless and thread-safe.
/// </summary>
public sealed class DriftDetector
{
    private readonly ReferenceProfile _reference;
    private readonly DriftThresholds _thresholds;

    /// <summary>Creates a detector for one reference.</summary>
    public DriftDetector(ReferenceProfile reference, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _reference = reference;
        _thresholds = thresholds ?? DriftThresholds.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_thresholds.LargeWindow);
        ArgumentOutOfRangeException.ThrowIfLessThan(_thresholds.MinimumWindow, 2);
    }

    /// <summary>
    /// Tests the window. <paramref name="categoricalRows"/>, when given, are the same rows' categorical columns.
    /// Features not in the reference are ignored (a new feature has no baseline to drift from).
    /// </summary>
    /// <exception cref="ArgumentException">When the two lists differ in length.</exception>
    public DriftReport Evaluate(
        IReadOnlyList<IReadOnlyDictionary<string, double>> rows,
        IReadOnlyList<IReadOnlyDictionary<string, string>>? categoricalRows = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (categoricalRows is not null && categoricalRows.Count != rows.Count)
        {
            throw new ArgumentException(
                $"There are {rows.Count} numeric rows and {categoricalRows.Count} categorical rows; they must be the same rows.",
                nameof(categoricalRows));
        }

        var results = new List<FeatureDrift>();
        foreach (var (name, profile) in _reference.Numeric)
        {
            var values = rows.Select(r => r.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
            results.Add(Numeric(name, profile, values, rows.Count));
        }

        foreach (var (name, profile) in _reference.Categorical)
        {
            var values = (categoricalRows ?? [])
                .Select(r => r.TryGetValue(name, out var v) ? v : null)
                .Where(v => !string.IsNullOrEmpty(v))
                .Select(v => v!)
                .ToArray();
            results.Add(Categorical(name, profile, values, rows.Count));
        }

        return new DriftReport(_reference.ModelVersion, rows.Count, Correct(results));
    }

    private FeatureDrift Numeric(string name, NumericFeatureProfile profile, double[] values, int rows)
    {
        var missing = rows == 0 ? 0 : 1 - (values.Length / (double)rows);
        var result = new FeatureDrift(name, FeatureKind.Numeric, DriftTest.NotTested, 0, null, null, 0, false, false, values.Length, missing, profile.MissingRate);
        if (profile.Count == 0 || values.Length == 0)
        {
            return result;
        }

        var psi = PopulationStabilityIndex.FromFractions(
            profile.BinFractions, [.. profile.BinCounts(values).Select(c => (double)c)], _thresholds.PsiEpsilon);
        result = result with { Psi = psi, PsiNotable = psi >= _thresholds.NotablePsi };
        if (values.Length < _thresholds.MinimumWindow)
        {
            return result;
        }

        if (values.Length <= _thresholds.LargeWindow)
        {
            var ks = KolmogorovSmirnov.TwoSample(profile.Sample, values);
            return result with { Test = DriftTest.KolmogorovSmirnov, Statistic = ks.Statistic, PValue = ks.PValue };
        }

        var distance = Wasserstein.Normed(profile.Sample, values, profile.Std);
        return result with { Test = DriftTest.NormedWasserstein, Statistic = distance, Drifted = distance >= _thresholds.NormedWasserstein };
    }

    private FeatureDrift Categorical(string name, CategoricalFeatureProfile profile, string[] values, int rows)
    {
        var missing = rows == 0 ? 0 : 1 - (values.Length / (double)rows);
        var result = new FeatureDrift(name, FeatureKind.Categorical, DriftTest.NotTested, 0, null, null, 0, false, false, values.Length, missing, profile.MissingRate);
        if (profile.Total == 0 || values.Length == 0)
        {
            return result;
        }

        var current = values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var categories = profile.Counts.Keys.Union(current.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var referenceCounts = categories.Select(c => profile.Counts.GetValueOrDefault(c)).ToArray();
        var currentCounts = categories.Select(c => current.GetValueOrDefault(c)).ToArray();
        var psi = PopulationStabilityIndex.FromCounts(referenceCounts, currentCounts, _thresholds.PsiEpsilon);
        result = result with { Psi = psi, PsiNotable = psi >= _thresholds.NotablePsi };
        if (values.Length < _thresholds.MinimumWindow)
        {
            return result;
        }

        if (values.Length <= _thresholds.LargeWindow)
        {
            var chi = ChiSquare.Homogeneity(referenceCounts, currentCounts);
            return result with { Test = DriftTest.ChiSquare, Statistic = chi.Statistic, PValue = chi.PValue };
        }

        var distance = JensenShannon.Distance(
            [.. referenceCounts.Select(c => (double)c)], [.. currentCounts.Select(c => (double)c)]);
        return result with { Test = DriftTest.JensenShannon, Statistic = distance, Drifted = distance >= _thresholds.JensenShannon };
    }

    private List<FeatureDrift> Correct(List<FeatureDrift> results)
    {
        var tested = results.Select((f, i) => (f, i)).Where(x => x.f.PValue is not null).ToArray();
        var adjusted = MultipleTesting.Adjust([.. tested.Select(x => x.f.PValue!.Value)], _thresholds.Correction);
        for (var k = 0; k < tested.Length; k++)
        {
            var (f, i) = tested[k];
            results[i] = f with { AdjustedPValue = adjusted[k], Drifted = adjusted[k] < _thresholds.PValue };
        }

        return results;
    }
}
