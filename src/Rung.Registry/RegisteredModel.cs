using Rung.Storage.Registry;

namespace Rung.Registry;

/// <summary>A version with its configuration, lineage and folder.</summary>
/// <param name="Record">The stored row.</param>
/// <param name="Configuration">How to run it (from its signed <c>model.json</c>).</param>
/// <param name="Lineage">Where it came from.</param>
/// <param name="Folder">The version folder, DIR/models/&lt;agent&gt;/&lt;version&gt;.</param>
public sealed record RegisteredModel(ModelVersionRecord Record, ModelConfiguration Configuration, ModelLineage Lineage, string Folder)
{
    /// <summary>The version id.</summary>
    public string Version => Record.Version;

    /// <summary>True once signed.</summary>
    public bool IsSigned => Record.ManifestSha256 is not null;
}
