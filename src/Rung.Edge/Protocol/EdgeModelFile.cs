namespace Rung.Edge.Protocol;

/// <summary>One file of a signed version as the server offers it to an edge.</summary>
/// <param name="Path">Path relative to the version folder, forward slashes (also <c>manifest.json</c> and <c>manifest.sig</c>).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes on the server: the download is checked against it.</param>
/// <param name="Size">Length in bytes.</param>
public sealed record EdgeModelFile(string Path, string Sha256, long Size);
