namespace Rung.Storage.Registry;

/// <summary>A model version about to be registered; the store gives it its version id.</summary>
/// <param name="AgentId">The agent the model serves.</param>
/// <param name="Kind">The artefact kind (process bundle, in-process file, remote endpoint), as the registry names it.</param>
/// <param name="LineageJson">Lineage as JSON: dataset snapshot, code version, parameters, metrics.</param>
/// <param name="ParentVersion">The version it was derived from, or null.</param>
/// <param name="RegisteredBy">Who registered it.</param>
/// <param name="RegisteredAt">When (UTC).</param>
public sealed record ModelVersionDraft(string AgentId, string Kind, string LineageJson, string? ParentVersion, string RegisteredBy, DateTimeOffset RegisteredAt);
