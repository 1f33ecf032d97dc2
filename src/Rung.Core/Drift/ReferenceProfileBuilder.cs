namespace Rung.Core.Drift;

/// <summary>Computes <see cref="ReferenceProfile"/>s from rows.</summary>
internal static class ReferenceProfileBuilder
{
    public static ReferenceProfile Build(
        string modelVersion,
        IReadOnlyList<IReadOnlyDictionary<string, double>> rows,
        IReadOnlyList<IReadOnlyDictionary<string, string>>? categoricalRows,
        ReferenceProfileOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelVersion);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Bins, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSampleSize, 10);
        if (rows.Count == 0)
        {
            throw new ArgumentException("A reference profile needs at least one row.", nameof(rows));
        }

        if (categoricalRows is not null && categoricalRows.Count != rows.Count)
        {
            throw new ArgumentException(
                $"There are {rows.Count} numeric rows and {categoricalRows.Count} categorical rows; they must be the same rows.",
                nameof(categoricalRows));
        }

        var numeric = new SortedDictionary<string, NumericFeatureProfile>(StringComparer.Ordinal);
        foreach (var name in rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal))
        {
            var values = rows
                .Select(r => r.TryGetValue(name, out var v) ? v : double.NaN)
                .Where(double.IsFinite)
                .ToArray();
            numeric[name] = Numeric(values, rows.Count, options);
        }

        var categorical = new SortedDictionary<string, CategoricalFeatureProfile>(StringComparer.Ordinal);
        foreach (var name in (categoricalRows ?? []).SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal))
        {
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            long present = 0;
            foreach (var row in categoricalRows!)
            {
                if (row.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
                {
                    counts[value] = counts.GetValueOrDefault(value) + 1;
                    present++;
                }
            }

            categorical[name] = new CategoricalFeatureProfile((rows.Count - present) / (double)rows.Count, counts);
        }

        return new ReferenceProfile(modelVersion, rows.Count, numeric, categorical);
    }

    internal static NumericFeatureProfile Numeric(double[] values, long rows, ReferenceProfileOptions options)
    {
        var missingRate = (rows - values.Length) / (double)rows;
        if (values.Length == 0)
        {
            return new NumericFeatureProfile(0, missingRate, 0, 0, 0, 0, [], [], []);
        }

        Array.Sort(values);
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        var edges = new List<double>();
        for (var k = 1; k < options.Bins; k++)
        {
            var edge = Quantile(values, k / (double)options.Bins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        var profile = new NumericFeatureProfile(
            values.Length, missingRate, mean, Math.Sqrt(variance), values[0], values[^1], edges, [], Subsample(values, options.MaxSampleSize));
        var counts = profile.BinCounts(values);
        return profile with { BinFractions = counts.Select(c => c / (double)values.Length).ToArray() };
    }

    /// <summary>Linear interpolation between order statistics, numpy's default ("type 7").</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private static double[] Subsample(double[] sorted, int size)
    {
        if (sorted.Length <= size)
        {
            return sorted;
        }

        var sample = new double[size];
        for (var i = 0; i < size; i++)
        {
            sample[i] = sorted[(int)((i + 0.5) * sorted.Length / size)];
        }

        return sample;
    }
}
