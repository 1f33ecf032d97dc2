using System.Text;
using System.Text.RegularExpressions;

namespace Rung.UseCases.Templates;

/// <summary>Parameter names and the built-in ones.</summary>
internal static partial class TemplateNames
{
    public const string Site = "site";
    public const string Line = "line";
    public const string ChampionCommand = "champion.command";
    public const string ChampionProfile = "champion.profile";

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    /// <summary>A name part from free text: lower-case letters, digits and '_'.</summary>
    public static string Part(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        return builder.Length == 0 || builder[0] is >= '0' and <= '9' ? "_" + builder : builder.ToString();
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
