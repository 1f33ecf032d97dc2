namespace Rung.UseCases.Templates;

/// <summary>
/// A use case made reusable: its data contract, guards, SLO, gates, runbook, business-case structure and model
/// reference, with the site-specific parts (tags, owners, calendar, costs) as <see cref="Parameters"/>. Read it with
/// <see cref="UseCaseTemplateLoader"/>, write one with <see cref="UseCaseTemplateExporter"/>, make an instance with
/// <see cref="TemplateInstantiator"/>.
/// </summary>
/// <param name="SourcePath">The template file's absolute path, or the source name it was loaded under.</param>
/// <param name="Id">The template id: the use case it was exported from.</param>
/// <param name="Name">The use case's name.</param>
/// <param name="ExportedFromAgent">The agent the template was exported from.</param>
/// <param name="ExportedFromScope">That agent's ISA-95 scope.</param>
/// <param name="Champion">The model instances start with.</param>
/// <param name="Parameters">The site-specific parts, in declaration order.</param>
/// <param name="Text">The whole template file.</param>
/// <param name="BodyStart">Offset in <paramref name="Text"/> where the use-case body starts (after the <c>---</c> line).</param>
/// <param name="Placeholders">Every placeholder in the body, in text order.</param>
public sealed record UseCaseTemplate(
    string SourcePath,
    string Id,
    string Name,
    string ExportedFromAgent,
    string ExportedFromScope,
    ChampionReference Champion,
    IReadOnlyList<TemplateParameter> Parameters,
    string Text,
    int BodyStart,
    IReadOnlyList<TemplatePlaceholder> Placeholders)
{
    /// <summary>The format line every template declares.</summary>
    public const string Format = "rung-usecase-template/1";

    /// <summary>The last line of every template: a file without it was cut short.</summary>
    public const string EndMarker = "# end of rung-usecase-template/1";

    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public TemplateParameter? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
