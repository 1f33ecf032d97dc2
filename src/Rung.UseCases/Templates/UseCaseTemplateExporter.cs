using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rung.Core.UseCases;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rung.UseCases.Templates;

/// <summary>
/// Turns a use-case file into a template: the file stays as written (comments, runbook, gates, SLO, guards), and its
/// site-specific values are replaced by <c>${name}</c> placeholders declared in a header: the tags and topics (with the
/// site and line levels as <c>${site}</c> and <c>${line}</c>), the owners, the calendar, the business figures, the ids
/// and the model file. The champion model is referenced by path and SHA-256, and the instance always starts at Shadow.
/// Thread-safe: no state is kept between calls.
/// </summary>
public static class UseCaseTemplateExporter
{
    /// <summary>Reads the use-case file at <paramref name="useCasePath"/> and writes its template to <paramref name="templatePath"/>.</summary>
    /// <returns>The template as loaded back, so the caller can show what is parameterised.</returns>
    /// <exception cref="UseCaseFileException">The use-case file is not valid, or the written template does not load.</exception>
    public static UseCaseTemplate ExportFile(string useCasePath, string templatePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(useCasePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(templatePath);
        var source = UseCaseLoader.LoadFile(useCasePath);
        var text = File.ReadAllText(source.SourcePath, Encoding.UTF8);
        var fullTemplatePath = Path.GetFullPath(templatePath);
        var template = Export(text, source, Path.GetDirectoryName(fullTemplatePath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(fullTemplatePath)!);
        File.WriteAllText(fullTemplatePath, template, new UTF8Encoding(false));
        return UseCaseTemplateLoader.LoadFile(fullTemplatePath);
    }

    /// <summary>Builds the template text for <paramref name="source"/>, whose file text is <paramref name="useCaseText"/>.</summary>
    /// <param name="useCaseText">The use-case file as written.</param>
    /// <param name="source">The same file, loaded: names inputs, tags and cost lines by position.</param>
    /// <param name="templateDirectory">Where the template will be written; the champion's paths are made relative to it.</param>
    public static string Export(string useCaseText, UseCaseFile source, string templateDirectory)
    {
        ArgumentNullException.ThrowIfNull(useCaseText);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(templateDirectory);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(source.SourcePath))!;
        var walk = new ExportWalk(useCaseText.TrimStart('\uFEFF'), source.Definition, baseDirectory);
        walk.Run();
        var champion = Champion(source, templateDirectory);
        var header = Header(source.Definition, champion, walk.Parameters);
        return header + "---\n" + walk.Body().TrimEnd() + "\n" + UseCaseTemplate.EndMarker + "\n";
    }

    private static ChampionReference Champion(UseCaseFile source, string templateDirectory)
    {
        var model = source.Definition.Agent.Model;
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(source.SourcePath))!;
        var command = ExportWalk.ModelFile(model.Command, baseDirectory);
        var profile = model.Profile is null ? null : ExportWalk.ModelFile(model.Profile, baseDirectory);
        return new ChampionReference(
            model.Version,
            KindName(model.Kind),
            command is null ? null : Path.GetRelativePath(templateDirectory, command).Replace('\\', '/'),
            command is null ? null : Sha256(command),
            profile is null ? null : Path.GetRelativePath(templateDirectory, profile).Replace('\\', '/'),
            profile is null ? null : Sha256(profile));
    }

    internal static string KindName(ModelKind kind) => kind switch
    {
        ModelKind.InProcess => "in_process",
        ModelKind.Process => "process",
        _ => "oip",
    };

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Header(UseCaseDefinition definition, ChampionReference champion, IReadOnlyList<TemplateParameter> parameters)
    {
        var b = new StringBuilder();
        b.AppendLine("# A Rung use-case template. Make an instance for another line with");
        b.AppendLine("#   rung usecase instantiate THIS-FILE --site SITE --line LINE --mapping MAPPING.yaml --broker URL");
        b.AppendLine("# The use case below the '---' line is the original with its site-specific values as ${name} placeholders.");
        b.AppendLine("template:");
        b.AppendLine(CultureInfo.InvariantCulture, $"  format: {UseCaseTemplate.Format}");
        b.AppendLine(CultureInfo.InvariantCulture, $"  id: {YamlText.Scalar(definition.Id)}");
        b.AppendLine(CultureInfo.InvariantCulture, $"  name: {YamlText.Quote(definition.Name)}");
        b.AppendLine(CultureInfo.InvariantCulture, $"  exported_from: {{ agent: {YamlText.Scalar(definition.Agent.Id)}, scope: {YamlText.Quote(definition.Agent.Scope)} }}");
        var c = new List<string> { $"version: {YamlText.Quote(champion.Version)}", $"kind: {champion.Kind}" };
        if (champion.Command is not null)
        {
            c.Add($"command: {YamlText.Quote(champion.Command)}");
            c.Add($"sha256: {champion.CommandSha256}");
        }

        if (champion.Profile is not null)
        {
            c.Add($"profile: {YamlText.Quote(champion.Profile)}");
            c.Add($"profile_sha256: {champion.ProfileSha256}");
        }

        b.AppendLine(CultureInfo.InvariantCulture, $"  champion: {{ {string.Join(", ", c)} }}");
        b.AppendLine("  parameters:");
        foreach (var p in parameters)
        {
            var fields = new List<string> { $"name: {p.Name}", $"kind: {p.Kind.ToString().ToLowerInvariant()}" };
            if (p.Unit is not null)
            {
                fields.Add($"unit: {YamlText.Quote(p.Unit)}");
            }

            if (p.Default is not null)
            {
                fields.Add($"default: {YamlText.Quote(p.Default)}");
            }

            if (p.Example is not null)
            {
                fields.Add($"example: {YamlText.Quote(p.Example)}");
            }

            fields.Add($"description: {YamlText.Quote(p.Description)}");
            b.AppendLine(CultureInfo.InvariantCulture, $"    - {{ {string.Join(", ", fields)} }}");
        }

        return b.ToString();
    }
}
