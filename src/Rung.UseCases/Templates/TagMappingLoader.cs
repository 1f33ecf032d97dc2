using System.Text.RegularExpressions;
using Rung.UseCases.Reading;
using Rung.UseCases.Yaml;

namespace Rung.UseCases.Templates;

/// <summary>
/// Reads a tag mapping file (YAML): <c>values:</c> by parameter name, <c>tags:</c> and <c>units:</c> by model input,
/// <c>rename:</c> as a list of <c>{ from, to }</c> or <c>{ pattern, replace }</c>. Every problem is reported with its
/// line and column. Thread-safe.
/// </summary>
public static class TagMappingLoader
{
    private static readonly string[] RootKeys = ["values", "tags", "units", "rename"];
    private static readonly string[] RuleKeys = ["from", "to", "pattern", "replace"];

    /// <summary>Reads the mapping at <paramref name="path"/>.</summary>
    /// <exception cref="UseCaseFileException">The file is missing, unreadable or not a valid mapping.</exception>
    public static TagMapping LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw UseCaseTemplateLoader.Single(path, 1, 1, $"mapping file not found (looked for {full})");
        }

        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw UseCaseTemplateLoader.Single(path, 1, 1, $"the file cannot be read: {ex.Message}");
        }

        return Load(text, full);
    }

    /// <summary>Reads mapping text held in memory; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="UseCaseFileException">The text is not a valid mapping.</exception>
    public static TagMapping Load(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var diagnostics = new Diagnostics(sourceName);
        var root = YamlTreeBuilder.Build(text.TrimStart('\uFEFF'), diagnostics);
        var result = new List<MappingValue>();
        var renames = new List<RenameRule>();
        if (root is YScalar { IsNull: true })
        {
            return TagMapping.Empty(sourceName);
        }

        if (root is not null)
        {
            var values = new Values(diagnostics);
            var map = values.Map(new Field(root, ""), RootKeys);
            Section(map?.Optional("values"), values, "", result);
            Section(map?.Optional("tags"), values, "tag.", result);
            Section(map?.Optional("units"), values, "unit.", result);
            foreach (var item in values.List(map?.Optional("rename")))
            {
                if (values.Map(item, RuleKeys) is not { } rule)
                {
                    continue;
                }

                var from = rule.Optional("from");
                var pattern = rule.Optional("pattern");
                if ((from is null) == (pattern is null))
                {
                    values.Error(item, "a rename rule has either 'from' and 'to' (literal text) or 'pattern' and 'replace' (a regular expression)");
                    continue;
                }

                if (from is not null)
                {
                    var f = values.NonEmptyText(from);
                    var to = values.Text(rule.Required("to"));
                    if (f is not null && to is not null)
                    {
                        renames.Add(new RenameRule(f, to, IsPattern: false, item.At.Line));
                    }

                    continue;
                }

                var p = values.NonEmptyText(pattern);
                var replace = values.Text(rule.Required("replace"));
                if (p is not null)
                {
                    try
                    {
                        _ = new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException ex)
                    {
                        values.Error(pattern!.Value, $"not a valid regular expression: {ex.Message}");
                        continue;
                    }
                }

                if (p is not null && replace is not null)
                {
                    renames.Add(new RenameRule(p, replace, IsPattern: true, item.At.Line));
                }
            }
        }

        diagnostics.ThrowIfAny();
        return new TagMapping(sourceName, result, renames);
    }

    private static void Section(Field? field, Values values, string prefix, List<MappingValue> result)
    {
        if (field is not { } f)
        {
            return;
        }

        if (f.Node is not YMapping map)
        {
            values.Error(f, $"expected a mapping of names to values, found {f.Node.Describe()}");
            return;
        }

        foreach (var (key, node) in map.Entries)
        {
            var path = $"{f.Path}.{key.Value}";
            var name = prefix.Length == 0 ? key.Value : prefix + TemplateNames.Part(key.Value);
            var where = $"{path} (line {key.Start.Line}, column {key.Start.Column})";
            switch (node)
            {
                case YScalar { IsNull: true }:
                    values.Error(new Field(node, path), "a value is required");
                    break;
                case YScalar scalar:
                    result.Add(new MappingValue(name, scalar.Value, null, where, key.Start.Line, key.Start.Column));
                    break;
                case YSequence sequence when sequence.Items.All(i => i is YScalar):
                    result.Add(new MappingValue(name, null, [.. sequence.Items.Cast<YScalar>().Select(s => s.Value)], where, key.Start.Line, key.Start.Column));
                    break;
                default:
                    values.Error(new Field(node, path), $"expected a value or a list of values, found {node.Describe()}");
                    break;
            }
        }
    }
}
