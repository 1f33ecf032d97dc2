namespace Rung.Governance.Identity;

/// <summary>Password, lockout and session rules. Defaults follow current guidance; every value is checked by <see cref="Validate"/>.</summary>
public sealed record IdentityOptions
{
    /// <summary>The lowest PBKDF2 iteration count accepted (OWASP's figure for PBKDF2-HMAC-SHA256).</summary>
    public const int MinimumIterations = 600_000;

    /// <summary>PBKDF2-SHA256 iterations for new hashes (default 600,000; at least <see cref="MinimumIterations"/>). Older hashes with fewer are re-hashed at the next sign-in.</summary>
    public int Pbkdf2Iterations { get; init; } = MinimumIterations;

    /// <summary>Shortest password accepted (default 12).</summary>
    public int MinPasswordLength { get; init; } = 12;

    /// <summary>Consecutive wrong passwords that lock the account (default 5). Unlocking is an administrator's password reset.</summary>
    public int MaxFailedAttempts { get; init; } = 5;

    /// <summary>How long a password stays valid (default 90 days); after that the user must change it.</summary>
    public TimeSpan PasswordMaxAge { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Inactivity that ends a session (default 15 minutes); signing after it needs user id and password again.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Who the lockout alarm pages (default <c>security</c>).</summary>
    public string SecurityOwner { get; init; } = "security";

    /// <summary>Only for tests: accept fewer iterations than <see cref="MinimumIterations"/> so test suites stay fast.</summary>
    internal bool AllowWeakHashing { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the option and its limit.</exception>
    public IdentityOptions Validate()
    {
        if (Pbkdf2Iterations < (AllowWeakHashing ? 1 : MinimumIterations))
        {
            throw new ArgumentOutOfRangeException(nameof(Pbkdf2Iterations), Pbkdf2Iterations, $"PBKDF2 iterations must be at least {MinimumIterations:N0}.");
        }

        if (MinPasswordLength < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(MinPasswordLength), MinPasswordLength, "The minimum password length must be at least 8.");
        }

        if (MaxFailedAttempts is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFailedAttempts), MaxFailedAttempts, "The lockout threshold must be between 1 and 20 attempts.");
        }

        if (PasswordMaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PasswordMaxAge), PasswordMaxAge, "The password age limit must be positive.");
        }

        if (IdleTimeout <= TimeSpan.Zero || IdleTimeout > TimeSpan.FromHours(12))
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "The idle timeout must be positive and at most 12 hours.");
        }

        return this;
    }
}
