namespace Rung.UseCases.Templates;

/// <summary>One parameter value given in a tag mapping.</summary>
/// <param name="Parameter">The template parameter it fills, for example <c>owner</c> or <c>tag.spindle_temp</c>.</param>
/// <param name="Text">The value, when it is a single value.</param>
/// <param name="Items">The values, when it is a list (working days, holidays).</param>
/// <param name="Where">Where it was written, as <c>key.path (line L, column C)</c>, for messages.</param>
/// <param name="Line">1-based line in the mapping file.</param>
/// <param name="Column">1-based column in the mapping file.</param>
public sealed record MappingValue(string Parameter, string? Text, IReadOnlyList<string>? Items, string Where, int Line, int Column);
