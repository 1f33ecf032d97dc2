using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rung.UseCases.Templates;

/// <summary>Writes values as YAML text that reads back as the same value.</summary>
internal static partial class YamlText
{
    /// <summary>A scalar: plain when that reads back unchanged as text or number, else double-quoted.</summary>
    public static string Scalar(string value) => PlainSafe().IsMatch(value) && !IsYamlKeyword(value) ? value : Quote(value);

    /// <summary>A flow list of scalars.</summary>
    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Scalar)) + "]";

    /// <summary>Always double-quoted, escaped.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    // Words YAML 1.1 readers take as booleans or null; quoted so a site called "no" stays a name.
    private static bool IsYamlKeyword(string value) =>
        value.ToLowerInvariant() is "y" or "n" or "yes" or "no" or "on" or "off" or "true" or "false" or "null" or "~";

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./@+\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainSafe();
}
