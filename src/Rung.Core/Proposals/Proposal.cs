namespace Rung.Core.Proposals;

/// <summary>The model's answer for one case, as the stage policy sees it.</summary>
/// <param name="Action">What the model would do.</param>
/// <param name="Confidence">The model's confidence in <paramref name="Action"/>, 0 to 1.</param>
/// <param name="OutOfDistribution">True when the inputs lie outside what the model was trained on.</param>
/// <param name="Severity">The severity class of the action (from the use case's action table).</param>
/// <param name="Explanation">The inputs that contributed most, strongest first.</param>
/// <param name="ModelVersion">The version that answered.</param>
/// <param name="Latency">How long the model took.</param>
public sealed record Proposal(
    ProposedAction Action,
    double Confidence,
    bool OutOfDistribution,
    Severity Severity,
    IReadOnlyList<FeatureContribution> Explanation,
    string ModelVersion,
    TimeSpan Latency);
