namespace Rung.Models.Remote;

/// <summary>How requests are built for one model, settled from its metadata at start.</summary>
/// <param name="Inputs">The input tensors in request order, with their datatypes (FP32 or FP64).</param>
/// <param name="SingleTensor">True when one tensor holds every feature as a column; false for one tensor per feature.</param>
/// <param name="Rank">1 for shape [batch], 2 for [batch, columns].</param>
/// <param name="Batched">True when the first dimension is variable, so one request may carry several cases.</param>
/// <param name="ProbabilitiesOutput">The probabilities tensor, or null in label-and-score mode.</param>
internal sealed record OipInferPlan(IReadOnlyList<OipTensorSpec> Inputs, bool SingleTensor, int Rank, bool Batched, string? ProbabilitiesOutput);
