using Rung.Core.Proposals;

namespace Rung.Core.Metrics;

/// <summary>
/// Accuracy over the last N labelled cases, overall, per class and per severity, each in its own ring of N.
/// The class is whatever the caller counts the case under: the correct action gives per-class recall, the
/// proposed action per-class precision. Memory is bounded by N × (classes + severities + 1); classes beyond
/// <c>maxClasses</c> are pooled under <see cref="OtherClass"/>. Not thread-safe.
/// </summary>
public sealed class RollingAccuracy
{
    /// <summary>The class that pools cases once <c>maxClasses</c> distinct classes are tracked.</summary>
    public const string OtherClass = "(other)";

    private readonly int _window;
    private readonly int _maxClasses;
    private readonly Dictionary<string, RollingRate> _classes = new(StringComparer.Ordinal);
    private readonly RollingRate[] _severities;

    /// <summary>Creates an empty tracker.</summary>
    /// <param name="window">N, labelled cases per ring. Default 100, the SLO's alert window.</param>
    /// <param name="maxClasses">Distinct classes tracked before pooling. Default 256.</param>
    public RollingAccuracy(int window = 100, int maxClasses = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxClasses);
        _window = window;
        _maxClasses = maxClasses;
        Overall = new RollingRate(window);
        _severities = [.. Enum.GetValues<Severity>().Select(_ => new RollingRate(window))];
    }

    /// <summary>Accuracy over the last N labelled cases.</summary>
    public RollingRate Overall { get; }

    /// <summary>Accuracy per class over each class's last N cases.</summary>
    public IReadOnlyDictionary<string, RollingRate> ByClass => _classes;

    /// <summary>Accuracy over the last N cases of <paramref name="severity"/>.</summary>
    public RollingRate BySeverity(Severity severity) => _severities[(int)severity];

    /// <summary>Adds one labelled case.</summary>
    public void Add(string caseClass, Severity severity, bool correct)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseClass);
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity.");
        }

        Overall.Add(correct);
        _severities[(int)severity].Add(correct);
        if (!_classes.TryGetValue(caseClass, out var rate))
        {
            var key = _classes.Count < _maxClasses ? caseClass : OtherClass;
            if (!_classes.TryGetValue(key, out rate))
            {
                rate = new RollingRate(_window);
                _classes[key] = rate;
            }
        }

        rate.Add(correct);
    }
}
