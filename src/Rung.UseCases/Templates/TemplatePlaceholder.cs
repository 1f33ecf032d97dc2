namespace Rung.UseCases.Templates;

/// <summary>One <c>${name}</c> in a template's use-case body.</summary>
/// <param name="Name">The parameter it stands for.</param>
/// <param name="Line">1-based line in the template file.</param>
/// <param name="Column">1-based column in the template file.</param>
/// <param name="Start">Offset of the replaced text in the template file.</param>
/// <param name="Length">Length of the replaced text: the placeholder, or the whole scalar with its quotes.</param>
/// <param name="WholeValue">True when the placeholder is the whole YAML value, so lists and quoting are allowed.</param>
public sealed record TemplatePlaceholder(string Name, int Line, int Column, int Start, int Length, bool WholeValue);
