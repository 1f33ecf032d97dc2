namespace Rung.Core.Drift;

/// <summary>
/// Label-free early warning, confidence-based performance estimation in its simplest form: with a calibration
/// map fitted on labelled reference cases, the expected accuracy of a window of unlabelled decisions is the mean
/// of their calibrated max-probability confidences. It reacts as soon as confidences move, long before labels
/// arrive; it stays right only while the calibration holds (it cannot see a change that leaves the confidences
/// unchanged, which the labelled <see cref="Adwin"/>/<see cref="PageHinkley"/> detectors catch later). Rolling
/// over the last N decisions; memory bounded by N. Not thread-safe.
/// </summary>
public sealed class EstimatedAccuracy
{
    private readonly IsotonicCalibration _calibration;
    private readonly SlidingWindow<double> _window;
    private double _sum;
    private int _sinceResum;

    /// <summary>Creates an estimator over the last <paramref name="window"/> decisions (default 1,000).</summary>
    public EstimatedAccuracy(IsotonicCalibration calibration, int window = 1000)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        _calibration = calibration;
        _window = new SlidingWindow<double>(window);
    }

    /// <summary>Decisions in the window.</summary>
    public int Count => _window.Count;

    /// <summary>The estimated accuracy of the window; null when it is empty.</summary>
    public double? Estimate => _window.Count == 0 ? null : _sum / _window.Count;

    /// <summary>The estimated accuracy of a batch: the mean calibrated confidence.</summary>
    /// <exception cref="ArgumentException">When the batch is empty.</exception>
    public static double Of(IsotonicCalibration calibration, IReadOnlyCollection<double> confidences)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(confidences);
        return confidences.Count == 0
            ? throw new ArgumentException("No confidences to estimate from.", nameof(confidences))
            : confidences.Average(calibration.Apply);
    }

    /// <summary>Adds one decision's confidence (the probability of the chosen action).</summary>
    public void Add(double confidence)
    {
        var calibrated = _calibration.Apply(confidence);
        _sum += calibrated;
        if (_window.Add(calibrated, out var dropped))
        {
            _sum -= dropped;
        }

        // Re-add from scratch now and then so rounding cannot accumulate over an endless stream.
        if (++_sinceResum >= _window.Capacity)
        {
            _sinceResum = 0;
            _sum = 0;
            for (var i = 0; i < _window.Count; i++)
            {
                _sum += _window[i];
            }
        }
    }
}
