namespace Rung.Registry.Gates;

/// <summary>One labelled case a gate tests on.</summary>
/// <param name="Features">The inputs.</param>
/// <param name="Label">The right action.</param>
/// <param name="Fields">Case fields slices are cut by (product type, shift, line); empty when none.</param>
public sealed record GateCase(IReadOnlyDictionary<string, double> Features, string Label, IReadOnlyDictionary<string, string> Fields);
