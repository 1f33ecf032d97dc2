namespace Rung.UseCases.Templates;

/// <summary>
/// What a new site fills into a template: parameter values (owners, calendar, costs), explicit tags and units per model
/// input, and rename rules for tags that follow the template's names with differences. Read it with
/// <see cref="TagMappingLoader"/>.
/// </summary>
/// <param name="SourcePath">The mapping file's path, or the name it was loaded under.</param>
/// <param name="Values">Every value given, <c>tags:</c> as <c>tag.NAME</c> and <c>units:</c> as <c>unit.NAME</c>.</param>
/// <param name="Renames">The rename rules, in order.</param>
public sealed record TagMapping(string SourcePath, IReadOnlyList<MappingValue> Values, IReadOnlyList<RenameRule> Renames)
{
    /// <summary>A mapping that gives nothing: every value comes from the template's defaults.</summary>
    public static TagMapping Empty(string sourcePath) => new(sourcePath, [], []);
}
