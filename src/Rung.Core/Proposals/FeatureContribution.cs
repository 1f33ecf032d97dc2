namespace Rung.Core.Proposals;

/// <summary>How much one input pushed the model towards its answer (signed, in the model's own units).</summary>
public sealed record FeatureContribution(string Feature, double Contribution);
