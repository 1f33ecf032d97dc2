namespace Rung.Models.Remote;

/// <summary>One tensor as the model's metadata declares it. A shape dimension of -1 is variable (usually the batch).</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Datatype">The protocol datatype: BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64, BYTES.</param>
/// <param name="Shape">The declared shape.</param>
public sealed record OipTensorSpec(string Name, string Datatype, IReadOnlyList<long> Shape);
