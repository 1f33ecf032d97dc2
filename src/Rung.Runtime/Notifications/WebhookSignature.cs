using System.Security.Cryptography;
using System.Text;

namespace Rung.Runtime.Notifications;

/// <summary>
/// The <c>X-Rung-Signature</c> header: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes,
/// keyed with the shared secret's UTF-8 bytes.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The prefix naming the algorithm.</summary>
    public const string Prefix = "sha256=";

    /// <summary>The header value for a body.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether a header value is the right signature of a body, compared in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        var actual = Encoding.ASCII.GetBytes(header.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
