using System.Globalization;
using System.Text;
using Rung.UseCases.Reading;
using Rung.UseCases.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rung.UseCases.Templates;

/// <summary>
/// Reads a use-case template: the header (<c>template:</c> with its parameters), a <c>---</c> line, the use case with
/// <c>${name}</c> placeholders, and the end marker. A file cut short (no end marker), an unknown placeholder or a bad
/// header is reported with its line and column, all problems together, as a <see cref="UseCaseFileException"/>.
/// <c>$${</c> in the body is a literal <c>${</c>. Thread-safe: no state is kept between calls.
/// </summary>
public static class UseCaseTemplateLoader
{
    private static readonly string[] RootKeys = ["template"];
    private static readonly string[] TemplateKeys = ["format", "id", "name", "exported_from", "champion", "parameters"];
    private static readonly string[] ExportedKeys = ["agent", "scope"];
    private static readonly string[] ChampionKeys = ["version", "kind", "command", "sha256", "profile", "profile_sha256"];
    private static readonly string[] ParameterKeys = ["name", "kind", "unit", "default", "example", "description"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and checks the template at <paramref name="path"/>.</summary>
    /// <exception cref="UseCaseFileException">The file is missing, unreadable, too large, cut short or not a valid template.</exception>
    public static UseCaseTemplate LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                throw Single(path, 1, 1, $"template file not found (looked for {full})");
            }

            if (info.Length > UseCaseLoader.MaxFileBytes)
            {
                throw Single(path, 1, 1, string.Create(CultureInfo.InvariantCulture, $"the file is {info.Length:N0} bytes; a template may be at most {UseCaseLoader.MaxFileBytes:N0} bytes"));
            }

            text = StrictUtf8.GetString(File.ReadAllBytes(full));
        }
        catch (DecoderFallbackException)
        {
            throw Single(path, 1, 1, "the file is not UTF-8 text");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Single(path, 1, 1, $"the file cannot be read: {ex.Message}");
        }

        return Load(text, full);
    }

    /// <summary>Reads and checks template text held in memory; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="UseCaseFileException">The text is cut short or not a valid template.</exception>
    public static UseCaseTemplate Load(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var lastLine = Array.FindLastIndex(lines, l => l.Trim().Length > 0);
        if (lastLine < 0 || lines[lastLine].Trim() != UseCaseTemplate.EndMarker)
        {
            throw Single(sourceName, Math.Max(1, lastLine + 1), 1,
                $"the template is cut short: its last line should be '{UseCaseTemplate.EndMarker}', but the file ends at line {Math.Max(1, lastLine + 1)}" +
                (lastLine < 0 ? " (it is empty)" : $" with '{Shorten(lines[lastLine].Trim())}'"));
        }

        var separator = Array.FindIndex(lines, l => l.TrimEnd() == "---");
        if (separator < 0)
        {
            throw Single(sourceName, 1, 1, "not a use-case template: no '---' line separates the template: header from the use case");
        }

        var bodyStart = lines.Take(separator + 1).Sum(l => l.Length + 1);
        var diagnostics = new Diagnostics(sourceName);
        var header = ReadHeader(string.Join('\n', lines.Take(separator)), diagnostics);
        var placeholders = Placeholders(text, bodyStart, diagnostics);
        if (header is not null)
        {
            var declared = header.Value.Parameters.Select(p => p.Name).ToList();
            foreach (var p in placeholders.Where(p => !declared.Contains(p.Name)))
            {
                var close = KeySuggester.Closest(p.Name, declared) is { } suggestion ? $"; did you mean '{suggestion}'?" : "";
                diagnostics.Error(new Position(p.Line, p.Column), "", $"unknown parameter '${{{p.Name}}}': the template's header does not declare it{close}");
            }
        }

        diagnostics.ThrowIfAny();
        var h = header!.Value;
        return new UseCaseTemplate(sourceName, h.Id, h.Name, h.Agent, h.Scope, h.Champion, h.Parameters, text, bodyStart, placeholders);
    }

    internal static UseCaseFileException Single(string source, int line, int column, string message) =>
        new([new UseCaseError(source, line, column, message)]);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static HeaderValues? ReadHeader(string headerText, Diagnostics diagnostics)
    {
        var root = YamlTreeBuilder.Build(headerText, diagnostics);
        if (root is null)
        {
            return null;
        }

        var values = new Values(diagnostics);
        var top = values.Map(new Field(root, ""), RootKeys);
        var t = values.Map(top?.Required("template"), TemplateKeys);
        if (t is null)
        {
            return null;
        }

        var formatField = t.Required("format");
        var format = values.NonEmptyText(formatField);
        if (format is not null && format != UseCaseTemplate.Format)
        {
            values.Error(formatField!.Value, $"unknown template format '{format}'; this Rung reads '{UseCaseTemplate.Format}'");
        }

        var id = values.Checked(t.Required("id"), Names.CheckId);
        var name = values.NonEmptyText(t.Required("name"));
        var from = values.Map(t.Required("exported_from"), ExportedKeys);
        var agent = values.NonEmptyText(from?.Required("agent"));
        var scope = values.NonEmptyText(from?.Required("scope"));
        var c = values.Map(t.Required("champion"), ChampionKeys);
        var champion = c is null ? null : new ChampionReference(
            values.NonEmptyText(c.Required("version")) ?? "",
            values.NonEmptyText(c.Required("kind")) ?? "",
            values.NonEmptyText(c.Optional("command")),
            values.NonEmptyText(c.Optional("sha256")),
            values.NonEmptyText(c.Optional("profile")),
            values.NonEmptyText(c.Optional("profile_sha256")));
        var parameters = new List<TemplateParameter>();
        var names = new DuplicateTracker(values, "parameter name");
        var parametersField = t.Required("parameters");
        foreach (var item in values.List(parametersField))
        {
            var p = values.Map(item, ParameterKeys);
            if (p is null)
            {
                continue;
            }

            var nameField = p.Required("name");
            var parameterName = values.Checked(nameField, n => TemplateNames.IsValid(n) ? null : $"'{n}' is not a parameter name; use lower-case words joined by '.' or '_', for example tag.spindle_temp");
            names.Add(parameterName, nameField);
            var kindField = p.Required("kind");
            var kindText = values.NonEmptyText(kindField);
            TemplateParameterKind? kind = null;
            if (kindText is not null)
            {
                if (Enum.TryParse<TemplateParameterKind>(kindText, ignoreCase: true, out var k) && kindText.All(char.IsLower))
                {
                    kind = k;
                }
                else
                {
                    values.Error(kindField!.Value, $"unknown parameter kind '{kindText}'; expected one of {string.Join(", ", Enum.GetNames<TemplateParameterKind>().Select(n => n.ToLowerInvariant()))}");
                }
            }

            var defaultField = p.Optional("default");
            var defaultValue = values.Text(defaultField);
            if (defaultValue is not null && PlaceholderScanner.Names(defaultValue).FirstOrDefault(n => n is not (TemplateNames.Site or TemplateNames.Line)) is { } other)
            {
                values.Error(defaultField!.Value, $"a default may only use ${{site}} and ${{line}}, not ${{{other}}}");
            }

            if (parameterName is not null && kind is not null)
            {
                parameters.Add(new TemplateParameter(parameterName, kind.Value, values.Text(p.Optional("description")) ?? "", values.NonEmptyText(p.Optional("unit")), defaultValue, values.Text(p.Optional("example")), item.At.Line));
            }
        }

        if (parametersField is { } pf && pf.Node is YSequence { Items.Count: 0 })
        {
            values.Error(pf, "declare at least the site and line parameters");
        }

        return diagnostics.HasErrors || id is null || name is null || agent is null || scope is null || champion is null
            ? null
            : new HeaderValues(id, name, agent, scope, champion, parameters);
    }

    private static List<TemplatePlaceholder> Placeholders(string text, int bodyStart, Diagnostics diagnostics)
    {
        var found = new List<TemplatePlaceholder>();
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is not Scalar scalar || scalar.Start.Index < bodyStart)
                {
                    continue;
                }

                var start = (int)scalar.Start.Index;
                var end = (int)scalar.End.Index;
                var raw = text[start..end];
                var line = (int)scalar.Start.Line;
                var column = (int)scalar.Start.Column;
                var inScalar = PlaceholderScanner.Scan(raw, out var problem, out var problemAt);
                if (problem is not null)
                {
                    var (l, col) = Locate(text, start + problemAt);
                    diagnostics.Error(new Position(l, col), "", problem);
                    continue;
                }

                if (inScalar.Count == 1 && scalar.Value == "${" + inScalar[0].Name + "}")
                {
                    found.Add(new TemplatePlaceholder(inScalar[0].Name, line, column, start, end - start, WholeValue: true));
                    continue;
                }

                foreach (var (name, offset, length) in inScalar)
                {
                    var (l, col) = Locate(text, start + offset);
                    found.Add(new TemplatePlaceholder(name, l, col, start + offset, length, WholeValue: false));
                }
            }
        }
        catch (YamlException ex)
        {
            diagnostics.Error(Position.From(ex.Start), "", $"YAML syntax error in the use case: {ex.Message}");
        }

        return found;
    }

    private static (int Line, int Column) Locate(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    private readonly record struct HeaderValues(string Id, string Name, string Agent, string Scope, ChampionReference Champion, IReadOnlyList<TemplateParameter> Parameters);
}
