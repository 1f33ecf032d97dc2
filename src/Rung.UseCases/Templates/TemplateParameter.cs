namespace Rung.UseCases.Templates;

/// <summary>One site-specific part of a use-case template.</summary>
/// <param name="Name">The name used in <c>${name}</c> placeholders, for example <c>owner</c> or <c>tag.spindle_temp</c>.</param>
/// <param name="Kind">What the parameter stands for.</param>
/// <param name="Description">What to fill in, for the person instantiating the template.</param>
/// <param name="Unit">For <see cref="TemplateParameterKind.Tag"/>: the unit the model expects; null otherwise.</param>
/// <param name="Default">
/// The value used when none is given; may contain <c>${site}</c> and <c>${line}</c>. Null means a value must be given.
/// </param>
/// <param name="Example">The value at the site the template was exported from, as YAML text; null when none.</param>
/// <param name="Line">The 1-based line of the parameter's declaration in the template file.</param>
public sealed record TemplateParameter(
    string Name,
    TemplateParameterKind Kind,
    string Description,
    string? Unit,
    string? Default,
    string? Example,
    int Line);
