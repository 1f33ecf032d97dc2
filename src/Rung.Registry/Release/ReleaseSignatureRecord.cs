namespace Rung.Registry;

/// <summary>An electronic signature as recorded with a release.</summary>
/// <param name="Signer">The signer's user id.</param>
/// <param name="PrintedName">The signer's full name as at signing.</param>
/// <param name="Meaning">The signature's meaning; a release needs <see cref="Approved"/>.</param>
/// <param name="SignedAt">When it was signed (UTC).</param>
/// <param name="ManifestSha256">The manifest hash it was made over.</param>
public sealed record ReleaseSignatureRecord(string Signer, string PrintedName, string Meaning, DateTimeOffset SignedAt, string ManifestSha256)
{
    /// <summary>The meaning a release requires.</summary>
    public const string Approved = "Approved";
}
