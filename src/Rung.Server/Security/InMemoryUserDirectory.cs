using System.Security.Cryptography;
using System.Text;

namespace Rung.Server.Security;

/// <summary>
/// A fixed list of users with PBKDF2-hashed passwords, for a single-site install or the demo until the plant's
/// directory is wired in. No lockout. Thread-safe: the list never changes after construction.
/// </summary>
public sealed class InMemoryUserDirectory : IConsoleUserDirectory
{
    private const int Iterations = 100_000;
    private readonly Dictionary<string, (ConsoleUser User, byte[] Salt, byte[] Hash)> _users = new(StringComparer.Ordinal);

    /// <summary>Creates the directory. Throws <see cref="ArgumentException"/> for an empty id or password, an unknown role or a duplicate id.</summary>
    public InMemoryUserDirectory(IEnumerable<(ConsoleUser User, string Password)> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        foreach (var (user, password) in users)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(user.Id);
            ArgumentException.ThrowIfNullOrEmpty(password);
            var unknown = user.Roles.Where(r => !ConsoleRoles.All.Contains(r)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"User '{user.Id}' has unknown role(s) {string.Join(", ", unknown)}; roles are {string.Join(", ", ConsoleRoles.All)}.", nameof(users));
            }

            var salt = RandomNumberGenerator.GetBytes(16);
            if (!_users.TryAdd(user.Id, (user, salt, Hash(password, salt))))
            {
                throw new ArgumentException($"User '{user.Id}' is listed twice.", nameof(users));
            }
        }
    }

    /// <summary>
    /// Parses <c>id:password:Role1,Role2</c>. Throws <see cref="FormatException"/> naming the entry when it is malformed.
    /// </summary>
    public static (ConsoleUser User, string Password) Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = entry.Split(':');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            throw new FormatException($"User '{entry.Split(':')[0]}': expected id:password:Role1,Role2.");
        }

        var roles = parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return (new ConsoleUser(parts[0], parts[0], roles), parts[1]);
    }

    /// <inheritdoc />
    public Task<ConsoleUser?> SignInAsync(string userId, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(password);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_users.TryGetValue(userId, out var entry))
        {
            return Task.FromResult<ConsoleUser?>(null);
        }

        return Task.FromResult(CryptographicOperations.FixedTimeEquals(entry.Hash, Hash(password, entry.Salt)) ? entry.User : null);
    }

    private static byte[] Hash(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
