namespace Rung.Storage.Registry;

/// <summary>A named pointer to one version of an agent's model: <c>champion</c> or <c>challenger</c>.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Alias">The alias name.</param>
/// <param name="Version">The version it points to.</param>
/// <param name="SetBy">Who set it.</param>
/// <param name="SetAt">When (UTC).</param>
public sealed record ModelAlias(string AgentId, string Alias, string Version, string SetBy, DateTimeOffset SetAt);
