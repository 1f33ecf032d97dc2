namespace Rung.Core.Drift;

/// <summary>
/// ADWIN (adaptive windowing, Bifet and Gavaldà 2007): keeps a window of recent values whose mean it trusts and
/// drops the older part whenever an older and a newer sub-window differ in mean by more than a Hoeffding-style
/// bound at confidence <c>delta</c>; each such drop is a detected change. The window is summarised in an
/// exponential histogram (at most <c>maxBuckets</c> + 1 buckets per power of two), so memory grows with the
/// logarithm of the window length, never with the stream. Defaults are River's: delta 0.002, a cut check every
/// 32 values, 5 buckets per row, sub-windows of at least 5 values, no check before 10 values. Not thread-safe.
/// </summary>
public sealed class Adwin : IConceptDriftDetector
{
    private readonly double _delta;
    private readonly int _clock;
    private readonly int _maxBuckets;
    private readonly int _minWindowLength;
    private readonly int _gracePeriod;
    private readonly List<AdwinBucketRow> _rows;
    private double _total;
    private double _variance;

    /// <summary>Creates a detector.</summary>
    /// <param name="delta">Confidence of a cut. Default 0.002; lower means fewer false alarms and later detection.</param>
    /// <param name="clock">Values between cut checks. Default 32.</param>
    /// <param name="maxBuckets">Buckets per row of the histogram. Default 5.</param>
    /// <param name="minWindowLength">Smallest sub-window on either side of a cut. Default 5.</param>
    /// <param name="gracePeriod">Values before the first check. Default 10.</param>
    public Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(delta);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(delta, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minWindowLength);
        ArgumentOutOfRangeException.ThrowIfNegative(gracePeriod);
        _delta = delta;
        _clock = clock;
        _maxBuckets = maxBuckets;
        _minWindowLength = minWindowLength;
        _gracePeriod = gracePeriod;
        _rows = [new AdwinBucketRow(maxBuckets)];
    }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int Detections { get; private set; }

    /// <summary>Values in the current window.</summary>
    public long Width { get; private set; }

    /// <summary>Mean of the current window (the error rate when fed errors); 0 when empty.</summary>
    public double Mean => Width == 0 ? 0 : _total / Width;

    /// <summary>Buckets in the histogram: the memory in use, O(maxBuckets · log Width).</summary>
    public int BucketCount => _rows.Sum(r => r.Count);

    /// <inheritdoc />
    public bool Add(bool error) => Add(error ? 1.0 : 0.0);

    /// <inheritdoc />
    public bool Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "ADWIN needs finite values.");
        }

        Count++;
        Width++;
        if (Width > 1)
        {
            _variance += (Width - 1) * Square(value - (_total / (Width - 1))) / Width;
        }

        _total += value;
        _rows[0].Append(value, 0);
        Compress();
        if (Count % _clock != 0 || Width <= _gracePeriod)
        {
            return false;
        }

        var detected = false;
        while (TryCut())
        {
            detected = true;
        }

        if (detected)
        {
            Detections++;
        }

        return detected;
    }

    private void Compress()
    {
        for (var row = 0; row < _rows.Count && _rows[row].Count > _maxBuckets; row++)
        {
            if (row + 1 == _rows.Count)
            {
                _rows.Add(new AdwinBucketRow(_maxBuckets));
            }

            var current = _rows[row];
            double size = 1L << row;
            var t0 = current.Total(0);
            var t1 = current.Total(1);
            var merged = current.Variance(0) + current.Variance(1) + (size * size * Square((t0 / size) - (t1 / size)) / (2 * size));
            _rows[row + 1].Append(t0 + t1, merged);
            current.RemoveOldest(2);
        }
    }

    /// <summary>Looks for one cut point from the oldest bucket on; drops the oldest bucket when one is found.</summary>
    private bool TryCut()
    {
        double n0 = 0, u0 = 0;
        double n1 = Width, u1 = _total;
        for (var row = _rows.Count - 1; row >= 0; row--)
        {
            var r = _rows[row];
            double size = 1L << row;
            for (var k = 0; k < r.Count; k++)
            {
                n0 += size;
                n1 -= size;
                u0 += r.Total(k);
                u1 -= r.Total(k);
                if (n1 < _minWindowLength)
                {
                    return false;
                }

                if (n0 >= _minWindowLength && IsCut(n0, n1, (u0 / n0) - (u1 / n1)))
                {
                    DropOldest();
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsCut(double n0, double n1, double meanDifference)
    {
        var deltaPrime = Math.Log(2 * Math.Log(Width) / _delta);
        var m = (1 / (n0 - _minWindowLength + 1)) + (1 / (n1 - _minWindowLength + 1));
        var epsilon = Math.Sqrt(2 * m * (_variance / Width) * deltaPrime) + (2.0 / 3.0 * deltaPrime * m);
        return Math.Abs(meanDifference) > epsilon;
    }

    private void DropOldest()
    {
        var row = _rows.Count - 1;
        var r = _rows[row];
        double size = 1L << row;
        var total = r.Total(0);
        var variance = r.Variance(0);
        Width -= (long)size;
        _total -= total;
        _variance -= variance + (size * Width * Square((total / size) - (_total / Width)) / (size + Width));
        _variance = Math.Max(0, _variance);
        r.RemoveOldest(1);
        if (r.Count == 0 && _rows.Count > 1)
        {
            _rows.RemoveAt(row);
        }
    }

    private static double Square(double x) => x * x;
}
