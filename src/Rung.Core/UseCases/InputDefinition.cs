namespace Rung.Core.UseCases;

/// <summary>One model input in the data contract.</summary>
/// <param name="Name">The feature name the model expects.</param>
/// <param name="Unit">The unit the model expects, for example <c>degC</c>, <c>mm/s</c>, <c>Nm</c>.</param>
/// <param name="Min">The lowest physically plausible value; below it the input is flagged.</param>
/// <param name="Max">The highest physically plausible value; above it the input is flagged.</param>
/// <param name="Required">A case with a required input missing or flagged is never committed automatically.</param>
/// <param name="Source">Where the value comes from: a UNS topic, a CSV column, a JSON field; null means the feature name itself.</param>
public sealed record InputDefinition(string Name, string Unit, double Min, double Max, bool Required = true, string? Source = null);
