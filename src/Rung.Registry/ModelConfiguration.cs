namespace Rung.Registry;

/// <summary>
/// How to run a version: stored as <c>model.json</c> among its artefacts, so it is signed with them and a rollback
/// restores it exactly.
/// </summary>
/// <param name="Kind">The artefact kind.</param>
/// <param name="Entry">ProcessBundle: the executable; InProcessFile: the model file (relative to the version folder); RemoteEndpoint: the URL.</param>
/// <param name="Arguments">ProcessBundle: the arguments (run in the version folder).</param>
/// <param name="TimeoutMilliseconds">Per-call timeout; null means the adapter's default (2 s).</param>
public sealed record ModelConfiguration(ModelArtifactKind Kind, string Entry, IReadOnlyList<string> Arguments, int? TimeoutMilliseconds = null)
{
    /// <summary>The name of the configuration file inside a version folder.</summary>
    public const string FileName = "model.json";
}
