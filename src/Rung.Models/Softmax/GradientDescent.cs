namespace Rung.Models.Softmax;

/// <summary>The optimisation loop of <see cref="SoftmaxRegressionTrainer"/>, on already standardised rows.</summary>
internal sealed class GradientDescent(int classCount, int featureCount, SoftmaxTrainingOptions options)
{
    public double[] Weights { get; } = new double[classCount * featureCount];

    public double[] Biases { get; } = new double[classCount];

    /// <param name="x">Row-major standardised inputs, n x featureCount.</param>
    /// <param name="y">Class index per row.</param>
    /// <param name="sampleWeights">Loss weight per row.</param>
    /// <param name="cancellationToken">Checked once per epoch.</param>
    public void Run(double[] x, int[] y, double[] sampleWeights, CancellationToken cancellationToken)
    {
        var n = y.Length;
        var batchSize = options.BatchSize == 0 ? n : Math.Min(options.BatchSize, n);
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var random = new Random(options.Seed);
        var gradWeights = new double[Weights.Length];
        var gradBiases = new double[classCount];
        var probabilities = new double[classCount];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batchSize < n)
            {
                Shuffle(order, random);
            }

            for (var start = 0; start < n; start += batchSize)
            {
                var end = Math.Min(start + batchSize, n);
                Array.Clear(gradWeights);
                Array.Clear(gradBiases);
                for (var k = start; k < end; k++)
                {
                    var i = order[k];
                    var row = x.AsSpan(i * featureCount, featureCount);
                    Softmax(row, probabilities);
                    var weight = sampleWeights[i];
                    for (var c = 0; c < classCount; c++)
                    {
                        var g = weight * (probabilities[c] - (y[i] == c ? 1 : 0));
                        gradBiases[c] += g;
                        var gradRow = gradWeights.AsSpan(c * featureCount, featureCount);
                        for (var j = 0; j < featureCount; j++)
                        {
                            gradRow[j] += g * row[j];
                        }
                    }
                }

                Step(gradWeights, gradBiases, end - start);
            }
        }
    }

    private void Step(double[] gradWeights, double[] gradBiases, int count)
    {
        var rate = options.LearningRate / count;
        for (var w = 0; w < Weights.Length; w++)
        {
            Weights[w] -= (rate * gradWeights[w]) + (options.LearningRate * options.L2 * Weights[w]);
        }

        for (var c = 0; c < classCount; c++)
        {
            Biases[c] -= rate * gradBiases[c];
        }
    }

    private void Softmax(ReadOnlySpan<double> row, double[] probabilities) =>
        SoftmaxMath.Probabilities(Weights, Biases, row[..featureCount], probabilities);

    private static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var k = random.Next(i + 1);
            (order[i], order[k]) = (order[k], order[i]);
        }
    }
}
