namespace Rung.Models.Softmax;

/// <summary>
/// A trained multinomial logistic regression over standardised inputs: p(class) = softmax(W z + b), with
/// z = (x - mean) / std per input. Immutable and thread-safe. Carries the training profile of each input, used
/// to judge whether a case is out of distribution.
/// </summary>
public sealed class SoftmaxRegressionModel
{
    /// <summary>The default limit on |z| beyond which a case is out of distribution.</summary>
    public const double DefaultOodZLimit = 4;

    private readonly FeatureProfile[] _profiles;
    private readonly string[] _features;
    private readonly string[] _classes;
    private readonly double[] _weights;
    private readonly double[] _biases;
    private readonly double[] _means;
    private readonly double[] _inverseStds;

    /// <summary>Builds a model from its parts; every part is copied and checked.</summary>
    /// <param name="profiles">One per input, in the order of the weight columns.</param>
    /// <param name="classes">The class names, in the order of the weight rows; at least two, distinct.</param>
    /// <param name="weights">Class-major: the weight of input j for class c is at <c>c * profiles.Count + j</c>.</param>
    /// <param name="biases">One per class.</param>
    /// <param name="oodZLimit">Limit on |z| beyond which a case is out of distribution; positive.</param>
    /// <exception cref="ArgumentException">A part is missing, of the wrong size, not finite, or a name repeats.</exception>
    public SoftmaxRegressionModel(
        IReadOnlyList<FeatureProfile> profiles,
        IReadOnlyList<string> classes,
        IReadOnlyList<double> weights,
        IReadOnlyList<double> biases,
        double oodZLimit = DefaultOodZLimit)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (profiles.Count == 0)
        {
            throw new ArgumentException("A model needs at least one input.", nameof(profiles));
        }

        if (classes.Count < 2)
        {
            throw new ArgumentException($"A model needs at least two classes; got {classes.Count}.", nameof(classes));
        }

        _profiles = [.. profiles];
        _features = new string[_profiles.Length];
        _means = new double[_profiles.Length];
        _inverseStds = new double[_profiles.Length];
        for (var j = 0; j < _profiles.Length; j++)
        {
            var profile = _profiles[j] ?? throw new ArgumentException($"profiles[{j}] is null.", nameof(profiles));
            if (string.IsNullOrWhiteSpace(profile.Name))
            {
                throw new ArgumentException($"profiles[{j}] has no name.", nameof(profiles));
            }

            if (!double.IsFinite(profile.Mean) || !double.IsFinite(profile.Min) || !double.IsFinite(profile.Max))
            {
                throw new ArgumentException($"Input '{profile.Name}' has a non-finite min, max or mean.", nameof(profiles));
            }

            if (!double.IsFinite(profile.Std) || profile.Std <= 0)
            {
                throw new ArgumentException($"Input '{profile.Name}' has std {profile.Std}; it must be positive and finite.", nameof(profiles));
            }

            _features[j] = profile.Name;
            _means[j] = profile.Mean;
            _inverseStds[j] = 1 / profile.Std;
        }

        RequireDistinct(_features, "input", nameof(profiles));
        _classes = [.. classes];
        RequireDistinct(_classes, "class", nameof(classes));
        if (weights.Count != _classes.Length * _features.Length)
        {
            throw new ArgumentException(
                $"Expected {_classes.Length} x {_features.Length} = {_classes.Length * _features.Length} weights; got {weights.Count}.",
                nameof(weights));
        }

        if (biases.Count != _classes.Length)
        {
            throw new ArgumentException($"Expected {_classes.Length} biases; got {biases.Count}.", nameof(biases));
        }

        _weights = [.. weights];
        _biases = [.. biases];
        RequireFinite(_weights, nameof(weights));
        RequireFinite(_biases, nameof(biases));
        if (!double.IsFinite(oodZLimit) || oodZLimit <= 0)
        {
            throw new ArgumentException($"The out-of-distribution limit is {oodZLimit}; it must be positive.", nameof(oodZLimit));
        }

        OodZLimit = oodZLimit;
    }

    /// <summary>The inputs, in model order.</summary>
    public IReadOnlyList<string> Features => _features;

    /// <summary>The classes, in the order of <see cref="Predict(IReadOnlyDictionary{string, double})"/>'s probabilities.</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The training profile of each input, in model order.</summary>
    public IReadOnlyList<FeatureProfile> Profiles => _profiles;

    /// <summary>Limit on |z| beyond which a case is out of distribution.</summary>
    public double OodZLimit { get; }

    /// <summary>The weight of input <paramref name="featureIndex"/> for class <paramref name="classIndex"/> (on the standardised input).</summary>
    public double Weight(int classIndex, int featureIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, _classes.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(featureIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(featureIndex, _features.Length);
        return _weights[(classIndex * _features.Length) + featureIndex];
    }

    /// <summary>The bias of class <paramref name="classIndex"/>.</summary>
    public double Bias(int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, _classes.Length);
        return _biases[classIndex];
    }

    /// <summary>
    /// The probability of each class, in <see cref="Classes"/> order. A missing or non-finite input is replaced by its
    /// training mean (and makes the case out of distribution; see <see cref="IsOutOfDistribution"/>).
    /// </summary>
    public double[] Predict(IReadOnlyDictionary<string, double> features)
    {
        var probabilities = new double[_classes.Length];
        Predict(features, probabilities);
        return probabilities;
    }

    /// <summary>Writes the probability of each class into <paramref name="probabilities"/> (length = class count); no allocation.</summary>
    /// <returns>True when the case is out of distribution.</returns>
    public bool Predict(IReadOnlyDictionary<string, double> features, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (probabilities.Length != _classes.Length)
        {
            throw new ArgumentException($"Expected room for {_classes.Length} probabilities; got {probabilities.Length}.", nameof(probabilities));
        }

        Span<double> z = _features.Length <= 256 ? stackalloc double[_features.Length] : new double[_features.Length];
        var ood = Standardise(features, z);
        Probabilities(z, probabilities);
        return ood;
    }

    /// <summary>
    /// True when an input is missing or not finite, or its standardised value lies beyond <see cref="OodZLimit"/>.
    /// </summary>
    public bool IsOutOfDistribution(IReadOnlyDictionary<string, double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Span<double> z = _features.Length <= 256 ? stackalloc double[_features.Length] : new double[_features.Length];
        return Standardise(features, z);
    }

    /// <summary>Writes the model as JSON (format in docs/model-adapters.md). Same model, same bytes.</summary>
    public void Save(Stream stream) => SoftmaxModelJson.Write(this, stream);

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not complete JSON, or a field is missing or wrong; the message names it.</exception>
    public static SoftmaxRegressionModel Load(Stream stream) => SoftmaxModelJson.Read(stream);

    /// <summary>Fills z with standardised inputs (0 for a missing one) and says whether the case is out of distribution.</summary>
    internal bool Standardise(IReadOnlyDictionary<string, double> features, Span<double> z)
    {
        var ood = false;
        for (var j = 0; j < _features.Length; j++)
        {
            if (features.TryGetValue(_features[j], out var x) && double.IsFinite(x))
            {
                var value = (x - _means[j]) * _inverseStds[j];
                z[j] = value;
                ood |= Math.Abs(value) > OodZLimit;
            }
            else
            {
                z[j] = 0;
                ood = true;
            }
        }

        return ood;
    }

    /// <summary>Softmax of W z + b into probabilities.</summary>
    internal void Probabilities(ReadOnlySpan<double> z, Span<double> probabilities) =>
        SoftmaxMath.Probabilities(_weights, _biases, z[.._features.Length], probabilities);

    /// <summary>The weight row of one class, for callers inside the library that need the raw numbers fast.</summary>
    internal ReadOnlySpan<double> WeightRow(int classIndex) => _weights.AsSpan(classIndex * _features.Length, _features.Length);

    private static void RequireDistinct(string[] names, string what, string parameter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"A {what} name is empty.", parameter);
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The {what} '{name}' appears twice.", parameter);
            }
        }
    }

    private static void RequireFinite(double[] values, string parameter)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{parameter}[{i}] is {values[i]}; it must be finite.", parameter);
            }
        }
    }
}
