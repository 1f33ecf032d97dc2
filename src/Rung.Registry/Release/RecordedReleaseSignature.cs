namespace Rung.Registry;

/// <summary>
/// A signature handed over as a record (a JSON file exported from the signing ceremony), accepted as given when it
/// names the exact manifest hash. It does not check a cryptographic signature itself: use it only where the record
/// comes from a trusted channel, until the electronic-signature service is wired in through <see cref="IReleaseSignature"/>.
/// </summary>
/// <param name="record">The signature record.</param>
public sealed class RecordedReleaseSignature(ReleaseSignatureRecord record) : IReleaseSignature
{
    /// <summary>Reads a record from JSON (signer, printed_name, meaning, signed_at, manifest_sha256); throws <see cref="InvalidDataException"/> naming the file.</summary>
    public static async Task<RecordedReleaseSignature> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var record = RegistryJson.Read<ReleaseSignatureRecord>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
        if (string.IsNullOrWhiteSpace(record.Signer) || string.IsNullOrWhiteSpace(record.Meaning) || string.IsNullOrWhiteSpace(record.ManifestSha256))
        {
            throw new InvalidDataException($"{path}: signer, meaning and manifest_sha256 are all required.");
        }

        return new RecordedReleaseSignature(record);
    }

    /// <inheritdoc />
    public Task<ReleaseSignatureRecord?> FindApprovalAsync(string agentId, string version, string manifestSha256, CancellationToken cancellationToken = default) =>
        Task.FromResult<ReleaseSignatureRecord?>(record);
}
