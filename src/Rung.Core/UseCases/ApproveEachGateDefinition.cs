namespace Rung.Core.UseCases;

/// <summary>Thresholds of the gate out of ApproveEach.</summary>
/// <param name="MinVolume">Approver verdicts on ApproveEach; default: the ApproveEach promotion rule's <c>min_labelled</c>, else 1000.</param>
/// <param name="MinApproveRate">Approved over verdicts; default: the ApproveEach rule's <c>min_accuracy</c>, else the SLO floor.</param>
public sealed record ApproveEachGateDefinition(int? MinVolume = null, double? MinApproveRate = null);
