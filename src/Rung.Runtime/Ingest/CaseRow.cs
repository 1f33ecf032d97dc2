using Rung.Runtime.Agents;

namespace Rung.Runtime.Ingest;

/// <summary>One historical record: the case, and what the human did with it when there is a label.</summary>
/// <param name="Input">The case.</param>
/// <param name="HumanAction">The action the person took on it, or null when the history has none.</param>
/// <param name="Line">Where it came from in the file (1-based), for error messages.</param>
public sealed record CaseRow(CaseInput Input, string? HumanAction, long Line);
