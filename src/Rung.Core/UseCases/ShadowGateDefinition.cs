namespace Rung.Core.UseCases;

/// <summary>Thresholds of the gate out of Shadow.</summary>
/// <param name="MinVolume">Labelled live cases on Shadow; default: the Shadow promotion rule's <c>min_labelled</c>, else 1000.</param>
/// <param name="MinAgreement">Overall agreement with the humans; default: the Shadow rule's <c>min_accuracy</c>, else the SLO floor.</param>
/// <param name="MinClassAgreement">Agreement within each class (the humans' action); default: <paramref name="MinAgreement"/> minus 0.05.</param>
/// <param name="MinClassVolume">A class with fewer labelled cases is shown but not judged; default 30.</param>
public sealed record ShadowGateDefinition(int? MinVolume = null, double? MinAgreement = null, double? MinClassAgreement = null, int? MinClassVolume = null);
