namespace Rung.Registry.Signing;

/// <summary>One artefact file in a manifest.</summary>
/// <param name="Path">Path relative to the version folder, with forward slashes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Size">Length in bytes.</param>
public sealed record ManifestEntry(string Path, string Sha256, long Size);
