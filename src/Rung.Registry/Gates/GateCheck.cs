namespace Rung.Registry.Gates;

/// <summary>One test gate's verdict.</summary>
/// <param name="Name">The gate, for example <c>holdout.accuracy</c> or <c>slice.shift=night</c>.</param>
/// <param name="Passed">True when the challenger met it.</param>
/// <param name="Detail">The numbers, for a person.</param>
public sealed record GateCheck(string Name, bool Passed, string Detail);
