namespace Rung.Models.Softmax;

/// <summary>
/// What one input looked like in the training data. <see cref="Mean"/> and <see cref="Std"/> standardise the input
/// (z = (x - mean) / std) both for the model and for the out-of-distribution check.
/// </summary>
/// <param name="Name">The feature's name in the data contract.</param>
/// <param name="Min">Smallest training value.</param>
/// <param name="Max">Largest training value.</param>
/// <param name="Mean">Training mean.</param>
/// <param name="Std">Training standard deviation, floored at the trainer's <see cref="SoftmaxTrainingOptions.StdFloor"/>; always positive.</param>
public sealed record FeatureProfile(string Name, double Min, double Max, double Mean, double Std);
