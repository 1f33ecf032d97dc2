namespace Rung.Registry.Shadow;

/// <summary>A live case both models answer; the label is null until an outcome arrives.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Features">The inputs the champion saw.</param>
/// <param name="Label">The right action, when known.</param>
public sealed record ShadowCase(string CaseId, IReadOnlyDictionary<string, double> Features, string? Label);
