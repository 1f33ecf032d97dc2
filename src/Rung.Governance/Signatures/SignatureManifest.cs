using System.Globalization;
using Rung.Storage.Identity;

namespace Rung.Governance.Signatures;

/// <summary>The text forms of a signature: what the server seals, and what people see.</summary>
public static class SignatureManifest
{
    /// <summary>The text the server's key seals: every field of the signature, one per line.</summary>
    public static string SealedText(SignatureRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"rung.signature/1\n{s.SignatureId}\n{s.UserId}\n{s.PrintedName}\n{s.Meaning}\n{s.At.UtcTicks}\n{s.RecordType}\n{s.RecordId}\n{s.RecordSha256}\n");
    }

    /// <summary>The manifestation shown with the record and in exports (21 CFR 11.50): printed name, UTC time and meaning.</summary>
    public static string Manifestation(SignatureRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"Signed by {s.PrintedName} ({s.UserId}) on {s.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; meaning: {s.Meaning}");
    }
}
