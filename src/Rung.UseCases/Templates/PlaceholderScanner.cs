namespace Rung.UseCases.Templates;

/// <summary>Finds <c>${name}</c> placeholders in text; <c>$${</c> is a literal <c>${</c>.</summary>
internal static class PlaceholderScanner
{
    /// <summary>The placeholders in <paramref name="text"/>, or the first problem and its offset.</summary>
    public static List<(string Name, int Offset, int Length)> Scan(string text, out string? problem, out int problemAt)
    {
        var found = new List<(string, int, int)>();
        problem = null;
        problemAt = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] != '$' || text[i + 1] != '{')
            {
                continue;
            }

            if (i > 0 && text[i - 1] == '$')
            {
                continue;
            }

            var close = text.IndexOf('}', i + 2);
            var newline = text.IndexOf('\n', i + 2);
            if (close < 0 || (newline >= 0 && newline < close))
            {
                problem = "a placeholder '${' is not closed with '}'";
                problemAt = i;
                return found;
            }

            var name = text[(i + 2)..close];
            if (!TemplateNames.IsValid(name))
            {
                problem = $"'${{{name}}}' is not a parameter name; use lower-case words joined by '.' or '_'";
                problemAt = i;
                return found;
            }

            found.Add((name, i, close - i + 1));
            i = close;
        }

        return found;
    }

    /// <summary>The names used in <paramref name="text"/>; malformed placeholders are skipped.</summary>
    public static IEnumerable<string> Names(string text) => Scan(text, out _, out _).Select(p => p.Name);

    /// <summary>Replaces each placeholder with its value and <c>$${</c> with <c>${</c>.</summary>
    public static string Substitute(string text, Func<string, string> value)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var (name, offset, length) in Scan(text, out _, out _))
        {
            builder.Append(text, at, offset - at).Append(value(name));
            at = offset + length;
        }

        return builder.Append(text, at, text.Length - at).ToString().Replace("$${", "${", StringComparison.Ordinal);
    }
}
