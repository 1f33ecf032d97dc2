namespace Rung.Storage.Registry;

/// <summary>A stored result about one version: a gate report or a shadow comparison.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The version the evidence is about.</param>
/// <param name="Kind">What it is, for example <c>gate</c> or <c>shadow</c>.</param>
/// <param name="AgainstVersion">The version it was compared with, or null.</param>
/// <param name="Passed">True when it passed (always true for evidence that is not a pass/fail check).</param>
/// <param name="At">When (UTC).</param>
/// <param name="Json">The full result as JSON.</param>
/// <param name="Id">The evidence's id; 0 before it is stored.</param>
public sealed record ModelEvidence(string AgentId, string Version, string Kind, string? AgainstVersion, bool Passed, DateTimeOffset At, string Json, long Id = 0);
