namespace Rung.Registry.Signing;

/// <summary>The outcome of verifying one version folder.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The version.</param>
/// <param name="Problems">Every problem found, each naming the file; empty when the version verifies.</param>
/// <param name="ManifestSha256">SHA-256 of the manifest file, or null when there is none.</param>
public sealed record VerificationResult(string AgentId, string Version, IReadOnlyList<string> Problems, string? ManifestSha256)
{
    /// <summary>True when the signature is valid and every file matches its digest, none missing, none extra.</summary>
    public bool Passed => Problems.Count == 0;
}
