namespace Rung.Core.Metrics;

/// <summary>
/// A quantile sketch for decision latencies in milliseconds with a bounded relative error, after DDSketch
/// (Masson, Rim and Lee 2019): values fall into logarithmic buckets (γ^(i-1), γ^i] with γ = (1 + α)/(1 - α), and a
/// quantile is answered with the bucket's midpoint 2γ^i/(γ + 1), which is within a relative error α of the true
/// order statistic of rank ⌊q·(n - 1)⌋. Defaults: α = 1 %, range 1 µs to 10⁷ ms (about 2.8 hours), which takes
/// about 1,150 counters (9 KB) whatever the volume. Values under the range count as 0 ms; values over it are
/// clamped to the top bucket, so quantiles that fall there are reported as the largest value seen. Two sketches
/// with the same settings merge exactly. Not thread-safe: one per writer, merged for reading.
/// </summary>
public sealed class LatencySketch
{
    private readonly double _logGamma;
    private readonly int _offset;
    private readonly long[] _counts;
    private long _zeroCount;

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="relativeAccuracy">α, the relative error bound. Default 0.01. Between 0.0001 and 0.5.</param>
    /// <param name="minValue">Smallest value kept at relative accuracy, in ms. Default 0.001 (1 µs).</param>
    /// <param name="maxValue">Largest value kept at relative accuracy, in ms. Default 10⁷.</param>
    public LatencySketch(double relativeAccuracy = 0.01, double minValue = 0.001, double maxValue = 1e7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(relativeAccuracy, 0.0001);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(relativeAccuracy, 0.5);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minValue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxValue, minValue);
        RelativeAccuracy = relativeAccuracy;
        MinValue = minValue;
        MaxValue = maxValue;
        _logGamma = Math.Log((1 + relativeAccuracy) / (1 - relativeAccuracy));
        _offset = Index(minValue);
        _counts = new long[Index(maxValue) - _offset + 1];
    }

    /// <summary>α, the relative error bound of every quantile.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>Smallest value kept at relative accuracy, in ms.</summary>
    public double MinValue { get; }

    /// <summary>Largest value kept at relative accuracy, in ms.</summary>
    public double MaxValue { get; }

    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values added, in ms.</summary>
    public double Sum { get; private set; }

    /// <summary>Smallest value added (exact); 0 when empty.</summary>
    public double Min { get; private set; }

    /// <summary>Largest value added (exact); 0 when empty.</summary>
    public double Max { get; private set; }

    /// <summary>Counters held: constant for the sketch's life.</summary>
    public int BucketCount => _counts.Length;

    /// <summary>The median.</summary>
    public double P50 => Quantile(0.50);

    /// <summary>The 95th percentile.</summary>
    public double P95 => Quantile(0.95);

    /// <summary>The 99th percentile.</summary>
    public double P99 => Quantile(0.99);

    /// <summary>Adds one latency.</summary>
    public void Add(TimeSpan latency) => Add(latency.TotalMilliseconds);

    /// <summary>Adds one latency in milliseconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the value is negative or not a number.</exception>
    public void Add(double milliseconds)
    {
        if (!(milliseconds >= 0) || double.IsPositiveInfinity(milliseconds))
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "A latency must be a finite, non-negative number.");
        }

        if (milliseconds < MinValue)
        {
            _zeroCount++;
        }
        else
        {
            _counts[Math.Min(Index(milliseconds), _offset + _counts.Length - 1) - _offset]++;
        }

        Min = Count == 0 ? milliseconds : Math.Min(Min, milliseconds);
        Max = Count == 0 ? milliseconds : Math.Max(Max, milliseconds);
        Count++;
        Sum += milliseconds;
    }

    /// <summary>The q-quantile (0 to 1) in ms; 0 when empty.</summary>
    public double Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Floor(q * (Count - 1));
        if (rank == Count - 1)
        {
            return Max;
        }

        if (rank < _zeroCount)
        {
            return 0;
        }

        var seen = _zeroCount;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen > rank)
            {
                if (i == _counts.Length - 1)
                {
                    // The top bucket also holds everything over the range: only the maximum is known there.
                    return Max;
                }

                var gamma = Math.Exp(_logGamma);
                var value = 2 * Math.Exp((i + _offset) * _logGamma) / (gamma + 1);

                // The exact extremes are known; never answer outside them.
                return Math.Clamp(value, Min, Max);
            }
        }

        return Max;
    }

    /// <summary>Adds every value of <paramref name="other"/> into this sketch.</summary>
    /// <exception cref="ArgumentException">When the sketches differ in accuracy or range.</exception>
    public void Merge(LatencySketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RelativeAccuracy != RelativeAccuracy || other.MinValue != MinValue || other.MaxValue != MaxValue)
        {
            throw new ArgumentException("Only sketches with the same relative accuracy and range can be merged.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        _zeroCount += other._zeroCount;
        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Count == 0 ? other.Max : Math.Max(Max, other.Max);
        Count += other.Count;
        Sum += other.Sum;
    }

    private int Index(double value) => (int)Math.Ceiling(Math.Log(value) / _logGamma);
}
