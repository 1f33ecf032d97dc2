using Rung.UseCases.Templates;

namespace Rung.UseCases.Tests.Templates;

public sealed class TemplateErrorTests : IDisposable
{
    private readonly TemplateFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Load_TruncatedTemplate_SaysCutShortAndWhereTheFileEnds()
    {
        var text = _fixture.TemplateText;
        var cut = text[..(text.Length * 2 / 3)];
        cut = cut[..(cut.LastIndexOf('\n') + 1)];
        var lines = cut.Count(c => c == '\n');

        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseTemplateLoader.Load(cut, "t.yaml"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(lines, error.Line);
        Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
        Assert.Contains($"ends at line {lines}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedInsideTheHeader_IsReported()
    {
        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseTemplateLoader.Load("template:\n  format: rung-usecase-template/1\n  parameters:\n    - { name: site, kind: sc", "t.yaml"));

        Assert.Contains("cut short", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownParameterInTheBody_NamesLineColumnAndSuggests()
    {
        var text = _fixture.TemplateText.Replace("\"${owner}\"", "\"${ownr}\"", StringComparison.Ordinal);
        var line = text[..text.IndexOf("${ownr}", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseTemplateLoader.Load(text, "t.yaml"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains("unknown parameter '${ownr}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'owner'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadParameterKindAndUnclosedPlaceholder_AreBothReported()
    {
        var text = _fixture.TemplateText
            .Replace("name: owner, kind: owner", "name: owner, kind: person", StringComparison.Ordinal)
            .Replace("\"${backup_owner}\"", "\"${backup_owner\"", StringComparison.Ordinal);

        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseTemplateLoader.Load(text, "t.yaml"));

        Assert.Contains(ex.Errors, e => e.Message.Contains("unknown parameter kind 'person'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Message.Contains("not closed", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_MissingValue_NamesTheParameterTheTemplatePlaceAndTheMappingFile()
    {
        var mapping = TemplateFixture.LoadMapping(TemplateFixture.Mapping.Replace("  owner: line5.lead\n", "", StringComparison.Ordinal));
        var line = _fixture.TemplateText[.._fixture.TemplateText.IndexOf("\"${owner}\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var ex = Assert.Throws<UseCaseFileException>(() => TemplateInstantiator.Plan(_fixture.Template, mapping, "koeln", "line5"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(_fixture.TemplatePath, error.Source);
        Assert.Equal(line, error.Line);
        Assert.Contains("parameter 'owner' (owner) has no value", error.Message, StringComparison.Ordinal);
        Assert.Contains("mapping.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("line3.lead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ValueForUnknownParameter_NamesTheMappingLine()
    {
        var mapping = TemplateFixture.LoadMapping(TemplateFixture.Mapping.Replace("  cost.hourly_rate: 60", "  cost.hourly_rat: 60", StringComparison.Ordinal));

        var ex = Assert.Throws<UseCaseFileException>(() => TemplateInstantiator.Plan(_fixture.Template, mapping, "koeln", "line5"));

        var error = Assert.Single(ex.Errors, e => e.Source == "mapping.yaml");
        Assert.Equal(12, error.Line);
        Assert.Contains("no parameter 'cost.hourly_rat'; did you mean 'cost.hourly_rate'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_BadSiteAndListInsideText_AreRefused()
    {
        var mapping = TemplateFixture.LoadMapping(TemplateFixture.Mapping + "\ntags:\n  spindle_speed: [a, b]\n");

        var ex = Assert.Throws<UseCaseFileException>(() => TemplateInstantiator.Plan(_fixture.Template, mapping, "koeln/west", "line5"));

        Assert.Contains(ex.Errors, e => e.Source == "--site" && e.Message.Contains("not a namespace level", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadMapping_BadRule_NamesLine()
    {
        var ex = Assert.Throws<UseCaseFileException>(() => TagMappingLoader.Load("rename:\n  - { from: a }\n  - { pattern: \"(\", replace: x }\n", "m.yaml"));

        Assert.Contains(ex.Errors, e => e.Line == 2 && e.Message.Contains("missing required key 'to'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Line == 3 && e.Message.Contains("not a valid regular expression", StringComparison.Ordinal));
    }
}
