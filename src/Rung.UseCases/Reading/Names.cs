using System.Text.RegularExpressions;

namespace Rung.UseCases.Reading;

/// <summary>Checks for ids, names, scopes and topic patterns; each returns null when fine, else the problem.</summary>
internal static partial class Names
{
    public const int MaxLength = 64;
    public const int MaxTopicLength = 512;

    public static string? CheckId(string text) =>
        text.Length > MaxLength ? $"'{text}' is longer than {MaxLength} characters"
        : IdPattern().IsMatch(text) ? null
        : $"'{text}' is not a valid id; use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit";

    public static string? CheckName(string text) =>
        text.Length > MaxLength ? $"'{text}' is longer than {MaxLength} characters"
        : NamePattern().IsMatch(text) ? null
        : $"'{text}' is not a valid name; use letters, digits, '.', '_' and '-', starting with a letter, digit or '_'";

    public static string? CheckUserId(string text) =>
        text.Length > MaxLength ? $"'{text}' is longer than {MaxLength} characters"
        : UserIdPattern().IsMatch(text) ? null
        : $"'{text}' is not a user id; give the owner's login (for example line3.lead), not a name with spaces";

    public static string? CheckCurrency(string text) =>
        CurrencyPattern().IsMatch(text) ? null : $"'{text}' is not an ISO 4217 currency code (three upper-case letters, for example EUR)";

    /// <summary>An ISA-95 scope: enterprise/site/area/line with up to two more levels, no wildcards.</summary>
    public static string? CheckScope(string text)
    {
        var levels = text.Split('/');
        if (levels.Length is < 4 or > 6)
        {
            return $"'{text}' has {levels.Length} level(s); a scope is enterprise/site/area/line with up to two more levels (4 to 6)";
        }

        if (text.Contains('+', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal))
        {
            return $"'{text}' contains a wildcard; a scope names exactly one place";
        }

        return CheckLevels(text, levels);
    }

    /// <summary>An MQTT-style topic pattern: <c>+</c> is a whole level, <c>#</c> a whole level and the last one.</summary>
    public static string? CheckTopicPattern(string text)
    {
        if (text.Length > MaxTopicLength)
        {
            return $"'{text}' is longer than {MaxTopicLength} characters";
        }

        var levels = text.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
            {
                return $"'{text}' is not a valid pattern; '#' must be a whole level and the last one";
            }

            if (level.Contains('+', StringComparison.Ordinal) && level != "+")
            {
                return $"'{text}' is not a valid pattern; '+' must be a whole level";
            }
        }

        return CheckLevels(text, levels);
    }

    private static string? CheckLevels(string text, string[] levels)
    {
        if (levels.Any(l => l.Length == 0))
        {
            return $"'{text}' has an empty level";
        }

        if (levels.Any(l => l.Trim().Length != l.Length || l.Any(char.IsControl)))
        {
            return $"'{text}' has a level with leading or trailing spaces or control characters";
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UserIdPattern();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}
