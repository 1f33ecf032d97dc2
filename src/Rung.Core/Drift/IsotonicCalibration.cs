namespace Rung.Core.Drift;

/// <summary>
/// A monotone map from a model's confidence to the probability that it is right, fitted by isotonic regression
/// (pool-adjacent-violators) on labelled reference pairs. Between the fitted steps the map is interpolated
/// linearly; outside the fitted range it is clamped, as scikit-learn's <c>IsotonicRegression(out_of_bounds='clip')</c>.
/// Immutable and thread-safe.
/// </summary>
/// <param name="Knots">Confidence values, ascending.</param>
/// <param name="Values">The calibrated probability at each knot, non-decreasing.</param>
public sealed record IsotonicCalibration(IReadOnlyList<double> Knots, IReadOnlyList<double> Values)
{
    /// <summary>Fits the map to (confidence, correct) pairs from labelled reference cases.</summary>
    /// <exception cref="ArgumentException">When there are no pairs or a confidence is not a number.</exception>
    public static IsotonicCalibration Fit(IReadOnlyList<(double Confidence, bool Correct)> labelled)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        if (labelled.Count == 0)
        {
            throw new ArgumentException("Calibration needs at least one labelled case.", nameof(labelled));
        }

        if (labelled.Any(p => !double.IsFinite(p.Confidence)))
        {
            throw new ArgumentException("Every confidence must be a finite number.", nameof(labelled));
        }

        // Blocks of (sum of y, weight, lowest x, highest x), merged while they violate monotonicity.
        var blocks = new List<(double Sum, double Weight, double Low, double High)>();
        foreach (var group in labelled.GroupBy(p => p.Confidence).OrderBy(g => g.Key))
        {
            blocks.Add((group.Count(p => p.Correct), group.Count(), group.Key, group.Key));
            while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Weight >= blocks[^1].Sum / blocks[^1].Weight)
            {
                var (s, w, _, h) = blocks[^1];
                var previous = blocks[^2];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (previous.Sum + s, previous.Weight + w, previous.Low, h);
            }
        }

        var knots = new List<double>();
        var values = new List<double>();
        foreach (var (sum, weight, low, high) in blocks)
        {
            knots.Add(low);
            values.Add(sum / weight);
            if (high > low)
            {
                knots.Add(high);
                values.Add(sum / weight);
            }
        }

        return new IsotonicCalibration(knots, values);
    }

    /// <summary>The calibrated probability of being right at <paramref name="confidence"/>.</summary>
    public double Apply(double confidence)
    {
        if (confidence <= Knots[0])
        {
            return Values[0];
        }

        if (confidence >= Knots[^1])
        {
            return Values[^1];
        }

        int lo = 0, hi = Knots.Count - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >>> 1;
            if (Knots[mid] <= confidence)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var t = (confidence - Knots[lo]) / (Knots[hi] - Knots[lo]);
        return Values[lo] + (t * (Values[hi] - Values[lo]));
    }
}
