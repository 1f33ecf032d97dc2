namespace Rung.Registry.Signing;

/// <summary>The detached signature of a manifest file (<c>manifest.sig</c>).</summary>
/// <param name="PayloadType">What was signed; always <see cref="ManifestPayloadType"/>.</param>
/// <param name="KeyId">A hint naming the key (SHA-256 of its public key, first 16 hex); never trusted, the pinned key decides.</param>
/// <param name="Signature">Base64 ECDSA P-256 / SHA-256 signature (IEEE P1363) over the DSSE pre-authentication encoding of the manifest bytes.</param>
public sealed record SignedManifest(string PayloadType, string KeyId, string Signature)
{
    /// <summary>The payload type of a manifest.</summary>
    public const string ManifestPayloadType = "application/vnd.rung.model-manifest+json";
}
