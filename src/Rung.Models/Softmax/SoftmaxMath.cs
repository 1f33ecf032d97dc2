namespace Rung.Models.Softmax;

/// <summary>The one place the class probabilities are computed, for training and for prediction alike.</summary>
internal static class SoftmaxMath
{
    /// <summary>
    /// Writes softmax(W z + b) into <paramref name="probabilities"/>. <paramref name="weights"/> holds one row of
    /// <paramref name="z"/>.Length weights per class. The largest logit is subtracted first so exp never overflows.
    /// </summary>
    public static void Probabilities(ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, ReadOnlySpan<double> z, Span<double> probabilities)
    {
        var featureCount = z.Length;
        var max = double.NegativeInfinity;
        for (var c = 0; c < biases.Length; c++)
        {
            var logit = biases[c];
            var row = weights.Slice(c * featureCount, featureCount);
            for (var j = 0; j < featureCount; j++)
            {
                logit += row[j] * z[j];
            }

            probabilities[c] = logit;
            max = Math.Max(max, logit);
        }

        var sum = 0.0;
        for (var c = 0; c < biases.Length; c++)
        {
            var e = Math.Exp(probabilities[c] - max);
            probabilities[c] = e;
            sum += e;
        }

        for (var c = 0; c < biases.Length; c++)
        {
            probabilities[c] /= sum;
        }
    }
}
