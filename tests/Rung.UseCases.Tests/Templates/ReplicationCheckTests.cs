using Rung.UseCases.Templates;

namespace Rung.UseCases.Tests.Templates;

public sealed class ReplicationCheckTests : IDisposable
{
    private readonly TemplateFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Run_EveryTagSeenInItsUnit_HasNoProblem_AndShowsTheConvertedValue()
    {
        var agent = Plan().Definition!.Agent;
        var observed = agent.Contract!.Tags.Select(t => new ObservedTag(t.Tag, 3, t.Unit, "100")).Append(new ObservedTag(agent.Contract.Trigger, 3, null, "{}")).ToList();

        var findings = ReplicationCheck.Run(agent, observed);

        Assert.DoesNotContain(findings, f => f.IsProblem);
        Assert.Contains(findings, f => f.Name == "spindle_temp" && f.Detail.Contains("= 37.778 degC for the model", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_MissingTagWrongUnitAndNoData_AreProblems()
    {
        var agent = Plan().Definition!.Agent;
        var observed = agent.Contract!.Tags
            .Where(t => t.Feature != "tool_wear")
            .Select(t => t.Feature switch
            {
                "spindle_temp" => new ObservedTag(t.Tag, 3, "degC", "40"),
                "spindle_torque" => new ObservedTag(t.Tag, 3, "Nm", "\"n/a\""),
                _ => new ObservedTag(t.Tag, 3, t.Unit, "10"),
            })
            .ToList();

        var findings = ReplicationCheck.Run(agent, observed);

        Assert.Equal("Missing", findings.Single(f => f.Name == "tool_wear").Status);
        var wrong = findings.Single(f => f.Name == "spindle_temp");
        Assert.Equal("WrongUnit", wrong.Status);
        Assert.Contains("publishes in 'degC', the mapping says 'degF'", wrong.Detail, StringComparison.Ordinal);
        Assert.Equal("NoData", findings.Single(f => f.Name == "spindle_torque").Status);
        Assert.True(findings.Single(f => f.Role == "trigger").IsProblem);
        Assert.Equal(4, findings.Count(f => f.IsProblem));
    }

    private TemplateInstancePlan Plan() => TemplateInstantiator.Plan(_fixture.Template, TemplateFixture.LoadMapping(), "koeln", "line5");
}
