namespace Rung.Storage.Registry;

/// <summary>A registered model version as stored.</summary>
/// <param name="AgentId">The agent the model serves.</param>
/// <param name="Version">The version id, <c>v1</c>, <c>v2</c>, ...; never reused for the agent.</param>
/// <param name="Sequence">The number in the version id.</param>
/// <param name="Kind">The artefact kind.</param>
/// <param name="LineageJson">Lineage as JSON.</param>
/// <param name="ParentVersion">The version it was derived from, or null.</param>
/// <param name="RegisteredBy">Who registered it.</param>
/// <param name="RegisteredAt">When (UTC).</param>
/// <param name="ManifestSha256">SHA-256 of its signed manifest, or null while unsigned.</param>
/// <param name="SignedAt">When it was signed, or null.</param>
public sealed record ModelVersionRecord(
    string AgentId,
    string Version,
    long Sequence,
    string Kind,
    string LineageJson,
    string? ParentVersion,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    string? ManifestSha256,
    DateTimeOffset? SignedAt);
