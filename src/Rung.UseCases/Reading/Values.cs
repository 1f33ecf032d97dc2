using System.Globalization;
using Rung.UseCases.Yaml;

namespace Rung.UseCases.Reading;

/// <summary>
/// Typed reads of single values. Each returns null after reporting what was wrong, so one bad value never stops the
/// rest of the file from being checked.
/// </summary>
internal sealed class Values(Diagnostics diagnostics)
{
    public Diagnostics Diagnostics { get; } = diagnostics;

    public void Error(Field field, string message) => Diagnostics.Error(field.At, field.Path, message);

    public MapReader? Map(Field? field, IReadOnlyList<string> known)
    {
        if (field is not { } f)
        {
            return null;
        }

        if (f.Node is not YMapping map)
        {
            Error(f, $"expected a mapping of keys ({string.Join(", ", known)}), found {f.Node.Describe()}");
            return null;
        }

        return new MapReader(Diagnostics, map, f.Path, f.At, known);
    }

    public IReadOnlyList<Field> List(Field? field)
    {
        if (field is not { } f)
        {
            return [];
        }

        if (f.Node is not YSequence sequence)
        {
            Error(f, $"expected a list, found {f.Node.Describe()}");
            return [];
        }

        return sequence.Items.Select((item, i) => new Field(item, $"{f.Path}[{i}]")).ToList();
    }

    public string? Text(Field? field)
    {
        if (field is not { } f)
        {
            return null;
        }

        if (f.Node is not YScalar scalar)
        {
            Error(f, $"expected text, found {f.Node.Describe()}");
            return null;
        }

        if (scalar.IsNull)
        {
            Error(f, "a value is required");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>Text that must hold something other than white space.</summary>
    public string? NonEmptyText(Field? field)
    {
        var text = Text(field);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            Error(field!.Value, "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>Non-empty text that also passes <paramref name="check"/>, which returns the problem or null.</summary>
    public string? Checked(Field? field, Func<string, string?> check)
    {
        var text = NonEmptyText(field);
        if (text is not null && check(text) is { } problem)
        {
            Error(field!.Value, problem);
            return null;
        }

        return text;
    }

    /// <summary>
    /// A reference to a declared action. <paramref name="declared"/> is null when the action list itself was unusable,
    /// in which case references are not checked, to avoid an error on every reference.
    /// </summary>
    public string? ActionReference(Field? field, IReadOnlySet<string>? declared, bool allowWildcard = false)
    {
        var name = NonEmptyText(field);
        if (name is null || declared is null || declared.Contains(name) || (allowWildcard && name == "*"))
        {
            return name;
        }

        var suggestion = KeySuggester.Closest(name, declared) is { } close ? $"; did you mean '{close}'?" : "";
        var wildcard = allowWildcard ? " or '*'" : "";
        Error(field!.Value, $"'{name}' is not a declared action (declared: {string.Join(", ", declared)}{wildcard}){suggestion}");
        return null;
    }

    public double? Number(Field? field, double? min = null, double? max = null, bool minExclusive = false)
    {
        if (Plain(field, "a number") is not { } text)
        {
            return null;
        }

        var f = field!.Value;
        if (ScalarSyntax.IsNonFinite(text))
        {
            Error(f, $"'{text}' is not allowed; expected a finite number");
            return null;
        }

        if (!ScalarSyntax.TryParseNumber(text, out var value))
        {
            Error(f, $"expected a number, found '{text}'");
            return null;
        }

        if (!double.IsFinite(value))
        {
            Error(f, $"'{text}' is too large; expected a finite number");
            return null;
        }

        return CheckRange(f, value, min, max, minExclusive) ? value : null;
    }

    public int? Integer(Field? field, int min, int max)
    {
        if (Plain(field, "a whole number") is not { } text)
        {
            return null;
        }

        var f = field!.Value;
        if (!ScalarSyntax.TryParseInteger(text, out var value))
        {
            Error(f, $"expected a whole number, found '{text}'");
            return null;
        }

        return CheckRange(f, value, min, max, minExclusive: false) ? (int)value : null;
    }

    public bool? Bool(Field? field)
    {
        if (Plain(field, "true or false") is not { } text)
        {
            return null;
        }

        switch (text)
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error(field!.Value, $"expected true or false, found '{text}'");
                return null;
        }
    }

    public TimeSpan? Duration(Field? field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }

        if (!ScalarSyntax.TryParseDuration(text.Trim(), out var value, out var problem))
        {
            Error(field!.Value, problem);
            return null;
        }

        return value;
    }

    /// <summary>One of the enum's names exactly as written in code (case-sensitive); numbers are refused.</summary>
    public TEnum? EnumName<TEnum>(Field? field, string what)
        where TEnum : struct, Enum
    {
        if (Text(field) is not { } text)
        {
            return null;
        }

        var names = Enum.GetNames<TEnum>();
        if (names.Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<TEnum>(text);
        }

        var hint = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } sameLetters
            ? $"; names are case-sensitive: did you mean '{sameLetters}'?"
            : "";
        Error(field!.Value, $"unknown {what} '{text}'; expected one of {string.Join(", ", names)}{hint}");
        return null;
    }

    /// <summary>The text of a plain (unquoted) scalar: a quoted one is a string in YAML, never a number or a flag.</summary>
    private string? Plain(Field? field, string expected)
    {
        if (field is not { } f)
        {
            return null;
        }

        if (f.Node is not YScalar { IsNull: false } scalar)
        {
            Error(f, $"expected {expected}, found {f.Node.Describe()}");
            return null;
        }

        if (scalar.IsQuoted)
        {
            Error(f, $"expected {expected}, found {scalar.Describe()} (remove the quotes)");
            return null;
        }

        return scalar.Value;
    }

    private bool CheckRange(Field field, double value, double? min, double? max, bool minExclusive)
    {
        if (min is { } low && (minExclusive ? value <= low : value < low))
        {
            Error(field, minExclusive
                ? $"must be greater than {Format(low)}, found {Format(value)}"
                : $"must be at least {Format(low)}, found {Format(value)}");
            return false;
        }

        if (max is { } high && value > high)
        {
            Error(field, $"must be at most {Format(high)}, found {Format(value)}");
            return false;
        }

        return true;
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
