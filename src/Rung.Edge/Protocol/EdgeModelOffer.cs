namespace Rung.Edge.Protocol;

/// <summary>The registry's champion of one agent, as the server offers it to an edge.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The champion version.</param>
/// <param name="ManifestSha256">SHA-256 of its signed manifest.</param>
/// <param name="Files">Every file to fetch: the manifest, its signature and each artefact.</param>
public sealed record EdgeModelOffer(string AgentId, string Version, string ManifestSha256, IReadOnlyList<EdgeModelFile> Files);
