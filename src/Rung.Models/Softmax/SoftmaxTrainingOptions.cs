namespace Rung.Models.Softmax;

/// <summary>How <see cref="SoftmaxRegressionTrainer"/> trains. Every default is documented on its property.</summary>
/// <param name="FeatureNames">The inputs, in the order the model keeps them. Every training row must have each one.</param>
public sealed record SoftmaxTrainingOptions(IReadOnlyList<string> FeatureNames)
{
    /// <summary>L2 penalty on the weights (not the biases). Default 1e-4.</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Gradient-descent step size on standardised inputs. Default 0.5.</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>Passes over the training data. Default 30.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Rows per gradient step; 0 means full batch (then <see cref="Seed"/> has no effect). Default 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Seed for the order in which rows are visited. The same seed and data give the same model, bit for bit.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Weight of each class's rows in the loss, for rare classes; a class not listed weighs 1. Null: all 1.
    /// <see cref="SoftmaxRegressionTrainer.BalancedClassWeights"/> gives weights inverse to class frequency.
    /// </summary>
    public IReadOnlyDictionary<string, double>? ClassWeights { get; init; }

    /// <summary>Smallest standard deviation used to standardise an input, so a constant input does not divide by zero. Default 1e-6.</summary>
    public double StdFloor { get; init; } = 1e-6;

    /// <summary>An input whose standardised value exceeds this in magnitude makes a case out of distribution. Default 4.</summary>
    public double OodZLimit { get; init; } = SoftmaxRegressionModel.DefaultOodZLimit;
}
