using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rung.Governance.Identity;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a random 16-byte salt per password. The encoded form keeps its parameters
/// (<c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>, base64) so the iteration count can be raised without invalidating
/// stored hashes.
/// </summary>
public static class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Hashes a password with a fresh salt.</summary>
    public static string Hash(string password, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="encoded"/>; compares in constant time.</summary>
    /// <exception cref="FormatException">The stored hash is not in the expected form.</exception>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        var (iterations, salt, expected) = Parse(encoded);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The iteration count a stored hash was made with.</summary>
    public static int IterationsOf(string encoded) => Parse(encoded).Iterations;

    private static (int Iterations, byte[] Salt, byte[] Hash) Parse(string encoded)
    {
        var parts = (encoded ?? string.Empty).Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            throw new FormatException($"A stored password hash is not of the form {Scheme}$ITERATIONS$SALT$HASH.");
        }

        return (iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
    }
}
