using Rung.Core.Cases;
using Rung.Core.Proposals;

namespace Rung.Models.Softmax;

/// <summary>
/// Serves a <see cref="SoftmaxRegressionModel"/> in process: action = most probable class, confidence = its
/// probability, explanation = the three inputs with the largest |w(class, j) * z(j)| (signed, strongest first),
/// out of distribution from the model's training profile. Thread-safe, allocation-light, never throws for a
/// missing input (the case is flagged out of distribution instead).
/// </summary>
public sealed class InProcessModelAdapter : IModelAdapter
{
    private const int ExplanationSize = 3;
    private readonly SoftmaxRegressionModel _model;

    /// <summary>Wraps <paramref name="model"/>, reporting <paramref name="version"/> with every answer.</summary>
    public InProcessModelAdapter(SoftmaxRegressionModel model, string version)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        _model = model;
        Version = version;
    }

    /// <inheritdoc />
    public string Version { get; }

    /// <summary>The model served.</summary>
    public SoftmaxRegressionModel Model => _model;

    /// <summary>The answer for one case, synchronously (the hot path of a benchmark).</summary>
    public ModelOutput Predict(FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var featureCount = _model.Features.Count;
        var classCount = _model.Classes.Count;
        Span<double> z = featureCount <= 256 ? stackalloc double[featureCount] : new double[featureCount];
        Span<double> probabilities = classCount <= 256 ? stackalloc double[classCount] : new double[classCount];
        var ood = _model.Standardise(features.Values, z);
        _model.Probabilities(z, probabilities);

        var best = 0;
        for (var c = 1; c < classCount; c++)
        {
            if (probabilities[c] > probabilities[best])
            {
                best = c;
            }
        }

        var explanation = Explain(_model.WeightRow(best), z);
        return new ModelOutput(new ProposedAction(_model.Classes[best]), probabilities[best], explanation, ood);
    }

    /// <inheritdoc />
    public ValueTask<ModelOutput> PredictAsync(FeatureVector features, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Predict(features));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private FeatureContribution[] Explain(ReadOnlySpan<double> weights, ReadOnlySpan<double> z)
    {
        // Keep the top three by magnitude with an insertion into a fixed window: no sort, no allocation.
        Span<int> top = stackalloc int[ExplanationSize];
        Span<double> topValues = stackalloc double[ExplanationSize];
        var count = 0;
        for (var j = 0; j < z.Length; j++)
        {
            var contribution = weights[j] * z[j];
            var magnitude = Math.Abs(contribution);
            if (magnitude == 0 || (count == ExplanationSize && magnitude <= Math.Abs(topValues[count - 1])))
            {
                continue;
            }

            var slot = count < ExplanationSize ? count++ : ExplanationSize - 1;
            while (slot > 0 && Math.Abs(topValues[slot - 1]) < magnitude)
            {
                top[slot] = top[slot - 1];
                topValues[slot] = topValues[slot - 1];
                slot--;
            }

            top[slot] = j;
            topValues[slot] = contribution;
        }

        if (count == 0)
        {
            return [];
        }

        var result = new FeatureContribution[count];
        for (var k = 0; k < count; k++)
        {
            result[k] = new FeatureContribution(_model.Features[top[k]], topValues[k]);
        }

        return result;
    }
}
