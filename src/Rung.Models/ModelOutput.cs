using Rung.Core.Proposals;

namespace Rung.Models;

/// <summary>What a model answered for one case.</summary>
/// <param name="Action">The proposed action.</param>
/// <param name="Confidence">Confidence in the action, 0 to 1.</param>
/// <param name="Explanation">The inputs that contributed most, strongest first.</param>
/// <param name="OutOfDistribution">True when the model itself judged the inputs unlike its training data.</param>
public sealed record ModelOutput(ProposedAction Action, double Confidence, IReadOnlyList<FeatureContribution> Explanation, bool OutOfDistribution = false);
