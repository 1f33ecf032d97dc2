using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rung.Registry.Signing;

/// <summary>Hashing helpers shared by signing and verification.</summary>
public static class ManifestHash
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>: the manifest hash a release signature names.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The key id of a public key (SubjectPublicKeyInfo bytes).</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> publicKey) => Of(publicKey)[..16];

    /// <summary>
    /// DSSE pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body, so a signature over one
    /// payload type can never be replayed as another.
    /// </summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> body)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} {payloadType} {body.Length} "));
        var result = new byte[header.Length + body.Length];
        header.CopyTo(result, 0);
        body.CopyTo(result.AsSpan(header.Length));
        return result;
    }
}
