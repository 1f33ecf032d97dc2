using Rung.Core.Ladder;
using Rung.UseCases.Templates;

namespace Rung.UseCases.Tests.Templates;

public sealed class TemplateRoundTripTests : IDisposable
{
    private readonly TemplateFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Export_MarksSitePartsAsParameters_AndKeepsTheRest()
    {
        var t = _fixture.Template;
        Assert.Equal("line3-surface-quality", t.Id);
        Assert.Equal("line3-quality", t.ExportedFromAgent);
        Assert.Equal("pilot-1.0", t.Champion.Version);
        Assert.Equal("../pilot-model.json", t.Champion.Command);
        Assert.Equal(64, t.Champion.CommandSha256!.Length);

        var temp = t.Find("tag.spindle_temp")!;
        Assert.Equal(TemplateParameterKind.Tag, temp.Kind);
        Assert.Equal("degC", temp.Unit);
        Assert.Equal("acme/${site}/machining/${line}/cell2/spindle/temperature", temp.Default);
        Assert.Equal("degC", t.Find("unit.spindle_temp")!.Default);
        Assert.Equal("mm/s", t.Find("unit.vibration_rms")!.Default);
        Assert.Equal("${line}-quality", t.Find("agent_id")!.Default);
        Assert.Null(t.Find("owner")!.Default);
        Assert.Equal("line3.lead", t.Find("owner")!.Example);
        Assert.Equal(TemplateParameterKind.Calendar, t.Find("calendar.working_days")!.Kind);
        Assert.Equal(TemplateParameterKind.Cost, t.Find("cost.compute.monthly")!.Kind);

        var text = _fixture.TemplateText;
        Assert.DoesNotContain("dortmund/machining/line3/cell2/spindle", text[t.BodyStart..], StringComparison.Ordinal);
        Assert.DoesNotContain("line3.lead", text[t.BodyStart..], StringComparison.Ordinal);
        Assert.Contains("accuracy_floor: 0.92", text, StringComparison.Ordinal);
        Assert.Contains("slo.high_severity: >", text, StringComparison.Ordinal);
        Assert.Contains("forbidden_targets:", text, StringComparison.Ordinal);
        Assert.EndsWith(UseCaseTemplate.EndMarker + "\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Instantiate_SecondLine_RenamesTagsCarriesUnitsAndStartsAtShadowWithTheChampion()
    {
        var plan = TemplateInstantiator.Plan(_fixture.Template, TemplateFixture.LoadMapping(), "koeln", "line5");

        Assert.True(plan.IsUsable);
        var d = plan.Definition!;
        Assert.Equal("line5-surface-quality", d.Id);
        Assert.Equal("line5-quality", d.Agent.Id);
        Assert.Equal("acme/koeln/machining/line5/cell1", d.Agent.Scope);
        Assert.Equal(Stage.Shadow, d.Agent.InitialStage);
        Assert.Equal("line5.lead", d.Business.Owner);
        Assert.Equal(0.5, d.Business.ValuePerCase);
        Assert.Equal(6, d.Agent.Calendar.WorkingDays.Count);
        var temp = d.Agent.Contract!.Tags.Single(t => t.Feature == "spindle_temp");
        Assert.Equal("acme/koeln/machining/line5/cell1/spindle/bearing_temp", temp.Tag);
        Assert.Equal("degF", temp.Unit);
        var feed = d.Agent.Contract.Tags.Single(t => t.Feature == "feed_rate");
        Assert.Equal("acme/koeln/machining/line5/cell1/axis/feed", feed.Tag);
        Assert.Equal("in/min", feed.Unit);
        Assert.Equal("rpm", d.Agent.Contract.Tags.Single(t => t.Feature == "spindle_speed").Unit);
        Assert.Equal("acme/koeln/machining/line5/cell1/part_done", d.Agent.Contract.Trigger);
        Assert.Equal("acme/koeln/machining/line5/cell1/spindle/speed", d.Agent.Inputs.Single(i => i.Name == "spindle_speed").Source);

        // Gates, SLO, guards and the model come from the template unchanged.
        var original = UseCaseLoader.LoadFile(Path.Combine(_fixture.Folder, "usecase.yaml")).Definition;
        Assert.Equal(original.Agent.Slo, d.Agent.Slo);
        Assert.Equal(original.Gates, d.Gates);
        Assert.Equal(original.Agent.Promotion, d.Agent.Promotion);
        Assert.Equal(original.Agent.Guard.AllowedActions, d.Agent.Guard.AllowedActions);
        Assert.Equal("pilot-1.0", d.Agent.Model.Version);
        Assert.Equal(Path.Combine(_fixture.Folder, "pilot-model.json"), d.Agent.Model.Command);

        // The written file loads on its own.
        var again = UseCaseLoader.Load(plan.Yaml!, "instance.yaml").Definition;
        Assert.Equal(d.Agent.Contract.Tags, again.Agent.Contract!.Tags);
    }

    [Fact]
    public void Instantiate_UnitOfAnotherDimension_IsAFindingAndNoInstanceIsPlanned()
    {
        var mapping = TemplateFixture.LoadMapping(TemplateFixture.Mapping.Replace("spindle_temp: degF", "spindle_temp: bar", StringComparison.Ordinal));

        var plan = TemplateInstantiator.Plan(_fixture.Template, mapping, "koeln", "line5");

        Assert.False(plan.IsUsable);
        Assert.Null(plan.Definition);
        var finding = Assert.Single(plan.Findings, f => f.IsProblem);
        Assert.Equal("spindle_temp", finding.Name);
        Assert.Equal("Unconvertible", finding.Status);
        Assert.Contains("cannot convert bar (pressure) to degC (temperature)", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Instantiate_ChampionFileChanged_IsRefused()
    {
        File.WriteAllText(Path.Combine(_fixture.Folder, "pilot-model.json"), "{\"model\": 2}");

        var ex = Assert.Throws<UseCaseFileException>(() => TemplateInstantiator.Plan(_fixture.Template, TemplateFixture.LoadMapping(), "koeln", "line5"));

        Assert.Contains("SHA-256 differs", ex.Message, StringComparison.Ordinal);
    }
}
