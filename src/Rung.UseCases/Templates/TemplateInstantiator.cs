using System.Globalization;
using System.Text;
using Rung.Core.Ladder;
using Rung.UseCases.Reading;
using Rung.Uns.Units;

namespace Rung.UseCases.Templates;

/// <summary>
/// Fills a template in for a new site and line: values from the mapping, else the template's defaults with
/// <c>${site}</c> and <c>${line}</c> filled and the rename rules applied to tags and topics. Checks before anything
/// is made: unknown or missing values are errors naming their place; a site unit that cannot convert to the model's
/// unit is a finding; the instance must start at Shadow with the template's champion (checked by SHA-256).
/// Pure apart from reading the champion's files. Thread-safe.
/// </summary>
public static class TemplateInstantiator
{
    /// <summary>Plans the instance of <paramref name="template"/> for <paramref name="site"/> and <paramref name="line"/>.</summary>
    /// <exception cref="UseCaseFileException">
    /// A bad site or line, a value for a parameter the template lacks, a parameter with no value, a value that cannot go
    /// where the template puts it, a changed champion, or an instance that does not validate. Errors name the file,
    /// line and column (the mapping's for values given, the template's for placeholders).
    /// </exception>
    public static TemplateInstancePlan Plan(UseCaseTemplate template, TagMapping mapping, string site, string line)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(line);
        var errors = new List<UseCaseError>();
        CheckLevel("--site", site, errors);
        CheckLevel("--line", line, errors);
        var given = new Dictionary<string, MappingValue>(StringComparer.Ordinal);
        foreach (var value in mapping.Values)
        {
            var parameter = template.Find(value.Parameter);
            if (parameter is null)
            {
                var close = KeySuggester.Closest(value.Parameter, template.Parameters.Select(p => p.Name)) is { } s ? $"; did you mean '{s}'?" : "";
                errors.Add(new(mapping.SourcePath, value.Line, value.Column, $"{value.Where}: the template has no parameter '{value.Parameter}'{close}"));
            }
            else if (parameter.Kind is TemplateParameterKind.Scope or TemplateParameterKind.Model)
            {
                errors.Add(new(mapping.SourcePath, value.Line, value.Column, $"{value.Where}: '{value.Parameter}' is not set in a mapping; it comes from {(parameter.Kind == TemplateParameterKind.Scope ? $"--{parameter.Name}" : "the template's champion")}"));
            }
            else if (!given.TryAdd(value.Parameter, value))
            {
                errors.Add(new(mapping.SourcePath, value.Line, value.Column, $"{value.Where}: '{value.Parameter}' is given twice"));
            }
        }

        var champion = Champion(template, errors);
        var resolved = new Dictionary<string, (string? Text, IReadOnlyList<string>? Items)>(StringComparer.Ordinal);
        foreach (var parameter in template.Parameters)
        {
            if (parameter.Name == TemplateNames.Site)
            {
                resolved[parameter.Name] = (site, null);
            }
            else if (parameter.Name == TemplateNames.Line)
            {
                resolved[parameter.Name] = (line, null);
            }
            else if (champion.TryGetValue(parameter.Name, out var file))
            {
                resolved[parameter.Name] = (file, null);
            }
            else if (given.TryGetValue(parameter.Name, out var value))
            {
                resolved[parameter.Name] = (value.Text, value.Items);
            }
            else if (parameter.Default is { } defaultValue)
            {
                var filled = PlaceholderScanner.Substitute(defaultValue, n => n == TemplateNames.Site ? site : n == TemplateNames.Line ? line : "${" + n + "}");
                if (parameter.Kind is TemplateParameterKind.Tag or TemplateParameterKind.Topic)
                {
                    filled = mapping.Renames.Aggregate(filled, (topic, rule) => rule.Apply(topic));
                }

                resolved[parameter.Name] = (filled, null);
            }
        }

        foreach (var unused in template.Parameters.Where(p => !resolved.ContainsKey(p.Name)))
        {
            if (template.Placeholders.FirstOrDefault(p => p.Name == unused.Name) is { } use)
            {
                var example = unused.Example is null ? "" : $" (at the template's site: {unused.Example})";
                errors.Add(new(template.SourcePath, use.Line, use.Column, $"parameter '{unused.Name}' ({unused.Kind.ToString().ToLowerInvariant()}) has no value: give it under values: in {mapping.SourcePath}{example}"));
            }
        }

        var rendered = Render(template, resolved, errors);
        if (errors.Count > 0)
        {
            throw new UseCaseFileException([.. errors.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        var values = resolved.ToDictionary(kv => kv.Key, kv => kv.Value.Items is { } items ? YamlText.List(items) : kv.Value.Text ?? "", StringComparer.Ordinal);
        var findings = UnitFindings(template, values);
        if (findings.Any(f => f.IsProblem))
        {
            return new TemplateInstancePlan(template, site, line, values, findings, null, null);
        }

        // The header is blanked, not cut, so the loader's line numbers are the template's.
        var headerLines = template.Text[..template.BodyStart].Count(c => c == '\n');
        var definition = UseCaseLoader.Load(new string('\n', headerLines) + rendered, template.SourcePath).Definition;
        if (definition.Agent.InitialStage != Stage.Shadow)
        {
            throw UseCaseTemplateLoader.Single(template.SourcePath, headerLines + 1, 1, $"agent.initial_stage: an instance starts at Shadow, the template says {definition.Agent.InitialStage}");
        }

        var yaml = $"# Made from template {template.Id} ({Path.GetFileName(template.SourcePath)}) for site {site}, line {line}.\n" +
                   string.Join('\n', rendered.Split('\n').Where(l => l.Trim() != UseCaseTemplate.EndMarker)).TrimEnd() + "\n";
        return new TemplateInstancePlan(template, site, line, values, findings, definition, yaml);
    }

    private static void CheckLevel(string option, string value, List<UseCaseError> errors)
    {
        if (value.Length == 0 || value.Any(c => c is '/' or '+' or '#' or '"' or '\\' || char.IsWhiteSpace(c)))
        {
            errors.Add(new(option, 1, 1, $"'{value}' is not a namespace level; give one name without '/', '+', '#', quotes or spaces"));
        }
    }

    private static Dictionary<string, string> Champion(UseCaseTemplate template, List<UseCaseError> errors)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(Path.GetFullPath(template.SourcePath))!;
        var line = ChampionLine(template);
        foreach (var (name, relative, sha) in new[]
                 {
                     (TemplateNames.ChampionCommand, template.Champion.Command, template.Champion.CommandSha256),
                     (TemplateNames.ChampionProfile, template.Champion.Profile, template.Champion.ProfileSha256),
                 })
        {
            if (template.Find(name) is null)
            {
                continue;
            }

            if (relative is null)
            {
                errors.Add(new(template.SourcePath, line, 1, $"template.champion: the use case uses ${{{name}}} but the champion names no such file"));
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(folder, relative));
            if (!File.Exists(full))
            {
                errors.Add(new(template.SourcePath, line, 1, $"template.champion: the champion's file {relative} is not next to the template (looked for {full})"));
                continue;
            }

            if (sha is not null && UseCaseTemplateExporter.Sha256(full) != sha)
            {
                errors.Add(new(template.SourcePath, line, 1, $"template.champion: {relative} is not the champion the template was exported with (SHA-256 differs); re-export the template or restore the file"));
                continue;
            }

            files[name] = full;
        }

        return files;
    }

    private static int ChampionLine(UseCaseTemplate template)
    {
        var index = template.Text.IndexOf("  champion:", StringComparison.Ordinal);
        return index < 0 ? 1 : template.Text[..index].Count(c => c == '\n') + 1;
    }

    private static string Render(UseCaseTemplate template, Dictionary<string, (string? Text, IReadOnlyList<string>? Items)> resolved, List<UseCaseError> errors)
    {
        var body = new StringBuilder(template.Text.Length);
        var at = template.BodyStart;
        foreach (var p in template.Placeholders)
        {
            body.Append(Unescape(template.Text[at..p.Start]));
            at = p.Start + p.Length;
            if (!resolved.TryGetValue(p.Name, out var value))
            {
                continue;
            }

            if (p.WholeValue)
            {
                body.Append(value.Items is { } items ? YamlText.List(items) : YamlText.Scalar(value.Text ?? ""));
            }
            else if (value.Items is not null)
            {
                errors.Add(new(template.SourcePath, p.Line, p.Column, $"parameter '{p.Name}' is given as a list, but here it is part of a text; give one value"));
            }
            else if (value.Text!.IndexOfAny(['"', '\'', '\\', '\n', '\r', '#', '{', '}', '[', ']', ',']) >= 0 || value.Text.Contains(": ", StringComparison.Ordinal))
            {
                errors.Add(new(template.SourcePath, p.Line, p.Column, $"parameter '{p.Name}' = '{value.Text}' cannot go inside a text here; leave out quotes, '\\', '#', brackets, braces, commas and ': '"));
            }
            else
            {
                body.Append(value.Text);
            }
        }

        return body.Append(Unescape(template.Text[at..])).ToString();
    }

    private static string Unescape(string text) => text.Replace("$${", "${", StringComparison.Ordinal);

    private static List<ReplicationFinding> UnitFindings(UseCaseTemplate template, Dictionary<string, string> values)
    {
        var findings = new List<ReplicationFinding>();
        foreach (var tag in template.Parameters.Where(p => p.Kind == TemplateParameterKind.Tag && p.Unit is not null))
        {
            var feature = tag.Name["tag.".Length..];
            if (!values.TryGetValue("unit." + feature, out var siteUnit) || !values.TryGetValue(tag.Name, out var topic))
            {
                continue;
            }

            if (!UnitTable.TryGet(siteUnit, tag.Unit!, out _, out var problem))
            {
                findings.Add(new("tag", feature, topic, "Unconvertible", string.Create(CultureInfo.InvariantCulture, $"the mapping says the site publishes in '{siteUnit}', the model expects '{tag.Unit}': {problem}"), true));
            }
        }

        return findings;
    }
}
