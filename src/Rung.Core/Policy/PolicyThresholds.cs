namespace Rung.Core.Policy;

/// <summary>An agent's thresholds for deciding alone.</summary>
/// <param name="MinConfidence">Below this confidence an automatic stage routes the case to a person. Default 0.9.</param>
public sealed record PolicyThresholds(double MinConfidence = 0.9);
