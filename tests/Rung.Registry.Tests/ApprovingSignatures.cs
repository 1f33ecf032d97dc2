using Rung.Registry;

namespace Rung.Registry.Tests;

/// <summary>A signature service where <paramref name="signer"/> has signed every manifest with the given meaning.</summary>
internal sealed class ApprovingSignatures(string signer, string meaning = ReleaseSignatureRecord.Approved, string? onlyFor = null) : IReleaseSignature
{
    public List<string> Asked { get; } = [];

    public Task<ReleaseSignatureRecord?> FindApprovalAsync(string agentId, string version, string manifestSha256, CancellationToken cancellationToken = default)
    {
        Asked.Add(manifestSha256);
        ReleaseSignatureRecord? found = onlyFor is null || onlyFor == manifestSha256
            ? new ReleaseSignatureRecord(signer, "Q. A. Lead", meaning, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), manifestSha256)
            : null;
        return Task.FromResult(found);
    }
}
