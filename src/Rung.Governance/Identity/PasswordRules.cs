namespace Rung.Governance.Identity;

/// <summary>What a new password must be.</summary>
public static class PasswordRules
{
    /// <summary>The longest password accepted, so hashing cannot be made arbitrarily slow.</summary>
    public const int MaxLength = 256;

    /// <summary>Null when the password is acceptable, otherwise the reason it is not.</summary>
    public static string? Check(string userId, string password, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(password) || password.Length < options.MinPasswordLength)
        {
            return $"The password must be at least {options.MinPasswordLength} characters long.";
        }

        if (password.Length > MaxLength)
        {
            return $"The password must be at most {MaxLength} characters long.";
        }

        if (!string.IsNullOrEmpty(userId) && password.Contains(userId, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain the user id.";
        }

        if (password.Distinct().Count() < 4)
        {
            return "The password must use at least 4 different characters.";
        }

        return null;
    }
}
