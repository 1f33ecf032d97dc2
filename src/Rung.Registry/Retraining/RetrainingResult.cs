using Rung.Registry.Gates;

namespace Rung.Registry.Retraining;

/// <summary>What a retraining produced.</summary>
/// <param name="Snapshot">The exported training data.</param>
/// <param name="Challenger">The registered, signed challenger.</param>
/// <param name="Gate">Its gate report against the champion.</param>
public sealed record RetrainingResult(DatasetSnapshot Snapshot, RegisteredModel Challenger, GateReport Gate);
