namespace Rung.Models.Softmax;

/// <summary>
/// Trains a <see cref="SoftmaxRegressionModel"/> by mini-batch gradient descent on standardised inputs. Deterministic:
/// the same options (seed included) and the same rows give the same model, bit for bit. Single-threaded; one
/// instance may be used from several threads since it keeps no state between calls.
/// </summary>
public sealed class SoftmaxRegressionTrainer
{
    private readonly SoftmaxTrainingOptions _options;

    /// <summary>Creates a trainer; the options are checked here.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public SoftmaxRegressionTrainer(SoftmaxTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options;
    }

    /// <summary>
    /// Weights inverse to class frequency (n / (k * count)), so each class carries the same total weight in the loss.
    /// </summary>
    public static IReadOnlyDictionary<string, double> BalancedClassWeights(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, count) in counts)
        {
            weights[label] = (double)labels.Count / (counts.Count * count);
        }

        return weights;
    }

    /// <summary>Trains on <paramref name="rows"/> with the matching <paramref name="labels"/>.</summary>
    /// <param name="rows">Inputs by name; every row must have every one of the options' features, finite.</param>
    /// <param name="labels">The class of each row. Classes are ordered by ordinal name in the model.</param>
    /// <param name="cancellationToken">Checked once per epoch.</param>
    /// <exception cref="ArgumentException">Rows and labels differ in count, fewer than two classes, or a row lacks a finite value; the message names the row and feature.</exception>
    public SoftmaxRegressionModel Train(
        IReadOnlyList<IReadOnlyDictionary<string, double>> rows,
        IReadOnlyList<string> labels,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Count != labels.Count)
        {
            throw new ArgumentException($"There are {rows.Count} rows but {labels.Count} labels; they must match one to one.", nameof(labels));
        }

        var features = _options.FeatureNames;
        var featureCount = features.Count;
        var n = rows.Count;
        var x = ReadRows(rows, features);
        var classes = DistinctSorted(labels);
        if (classes.Length < 2)
        {
            throw new ArgumentException($"Training needs at least two classes; the labels hold {classes.Length}.", nameof(labels));
        }

        var profiles = Standardise(x, n, features);
        var y = new int[n];
        var sampleWeights = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = Array.BinarySearch(classes, labels[i], StringComparer.Ordinal);
            sampleWeights[i] = ClassWeight(labels[i]);
        }

        var descent = new GradientDescent(classes.Length, featureCount, _options);
        descent.Run(x, y, sampleWeights, cancellationToken);
        return new SoftmaxRegressionModel(profiles, classes, descent.Weights, descent.Biases, _options.OodZLimit);
    }

    private static double[] ReadRows(IReadOnlyList<IReadOnlyDictionary<string, double>> rows, IReadOnlyList<string> features)
    {
        var featureCount = features.Count;
        var x = new double[rows.Count * featureCount];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"Row {i} is null.", nameof(rows));
            for (var j = 0; j < featureCount; j++)
            {
                if (!row.TryGetValue(features[j], out var value))
                {
                    throw new ArgumentException($"Row {i} has no value for feature '{features[j]}'.", nameof(rows));
                }

                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"Row {i}: feature '{features[j]}' is {value}; training values must be finite.", nameof(rows));
                }

                x[(i * featureCount) + j] = value;
            }
        }

        return x;
    }

    /// <summary>Computes each input's profile and standardises <paramref name="x"/> in place with it.</summary>
    private FeatureProfile[] Standardise(double[] x, int n, IReadOnlyList<string> features)
    {
        var featureCount = features.Count;
        var profiles = new FeatureProfile[featureCount];
        for (var j = 0; j < featureCount; j++)
        {
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                var value = x[(i * featureCount) + j];
                sum += value;
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            var mean = sum / n;
            var squares = 0.0;
            for (var i = 0; i < n; i++)
            {
                var d = x[(i * featureCount) + j] - mean;
                squares += d * d;
            }

            var std = Math.Max(Math.Sqrt(squares / n), _options.StdFloor);
            for (var i = 0; i < n; i++)
            {
                x[(i * featureCount) + j] = (x[(i * featureCount) + j] - mean) / std;
            }

            profiles[j] = new FeatureProfile(features[j], min, max, mean, std);
        }

        return profiles;
    }

    private double ClassWeight(string label)
    {
        if (_options.ClassWeights is null || !_options.ClassWeights.TryGetValue(label, out var weight))
        {
            return 1;
        }

        return weight;
    }

    private static string[] DistinctSorted(IReadOnlyList<string> labels)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            set.Add(string.IsNullOrWhiteSpace(labels[i]) ? throw new ArgumentException($"Label {i} is empty.", nameof(labels)) : labels[i]);
        }

        return [.. set];
    }

    private static void Validate(SoftmaxTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.FeatureNames);
        if (options.FeatureNames.Count == 0)
        {
            throw new ArgumentException("SoftmaxTrainingOptions.FeatureNames is empty: name the inputs to train on.", nameof(options));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in options.FeatureNames)
        {
            if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
            {
                throw new ArgumentException($"SoftmaxTrainingOptions.FeatureNames has an empty or repeated name: '{name}'.", nameof(options));
            }
        }

        RequireNonNegativeFinite(options.L2, "L2");
        RequirePositiveFinite(options.LearningRate, "LearningRate");
        RequirePositiveFinite(options.StdFloor, "StdFloor");
        RequirePositiveFinite(options.OodZLimit, "OodZLimit");
        if (options.Epochs < 1)
        {
            throw new ArgumentException($"SoftmaxTrainingOptions.Epochs is {options.Epochs}; it must be at least 1.", nameof(options));
        }

        if (options.BatchSize < 0)
        {
            throw new ArgumentException($"SoftmaxTrainingOptions.BatchSize is {options.BatchSize}; use 0 for full batch or a positive size.", nameof(options));
        }

        if (options.ClassWeights is not null)
        {
            foreach (var (label, weight) in options.ClassWeights)
            {
                RequirePositiveFinite(weight, $"ClassWeights['{label}']");
            }
        }
    }

    private static void RequirePositiveFinite(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentException($"SoftmaxTrainingOptions.{name} is {value}; it must be positive and finite.");
        }
    }

    private static void RequireNonNegativeFinite(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"SoftmaxTrainingOptions.{name} is {value}; it must be 0 or more and finite.");
        }
    }
}
