namespace Rung.Registry;

/// <summary>A request to register a version.</summary>
/// <param name="AgentId">The agent the model serves.</param>
/// <param name="Configuration">How to run it.</param>
/// <param name="Artifacts">Files or folders to copy into the version folder (a folder's content is copied with its relative paths).</param>
/// <param name="Lineage">Where it came from.</param>
/// <param name="ParentVersion">The version it was derived from, or null.</param>
/// <param name="RegisteredBy">Who registers it.</param>
public sealed record ModelRegistration(
    string AgentId,
    ModelConfiguration Configuration,
    IReadOnlyList<string> Artifacts,
    ModelLineage Lineage,
    string? ParentVersion,
    string RegisteredBy);
