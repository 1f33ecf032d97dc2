using Rung.Testing;

namespace Rung.UseCases.Tests;

public sealed class ErrorReportingTests
{
    [Fact]
    public void Load_SeveralProblems_ReportsAllInPositionOrder()
    {
        const string yaml = """
            usecase:
              id: Bad_Id
              name: Demo
            business:
              kpi: scrap rate
              unit: "%"
              baseline: .nan
              target: 2
              owner: line.lead
              value_per_case: 1
              currency: EUR
              colour: red
            agent:
              id: demo-agent
              scope: acme/site/area/line
              model: { kind: process, version: "1", command: python3, timeout: 2 seconds }
              inputs: [ { name: x, unit: mm, min: 0, max: 1 } ]
              actions:
                - { name: accept, severity: Medium }
                - { name: accept, severity: Huge }
              default_action: stop
              slo: { window: 0 }
            """;

        var errors = Expect.Errors(yaml, "multi.yaml");

        Assert.Equal(8, errors.Count);
        Expect.Has(errors, 2, 7, "usecase.id: 'Bad_Id' is not a valid id");
        Expect.Has(errors, 7, 13, "business.baseline: '.nan' is not allowed");
        Expect.Has(errors, 12, 3, "business.colour: unknown key");
        Expect.Has(errors, 16, 68, "agent.model.timeout: '2 seconds' is not a duration");
        Expect.Has(errors, 20, 15, "agent.actions[1].name: duplicate action name 'accept'");
        Expect.Has(errors, 20, 33, "agent.actions[1].severity: unknown severity 'Huge'");
        Expect.Has(errors, 21, 19, "agent.default_action: 'stop' is not a declared action");
        Expect.Has(errors, 22, 18, "agent.slo.window: must be at least 1, found 0");
        Assert.Equal(errors.OrderBy(e => e.Line).ThenBy(e => e.Column), errors);
    }

    [Fact]
    public void Exception_Message_ListsEveryErrorOnItsOwnLine()
    {
        var yaml = MinimalUseCase.Text.Replace("target: 2", "target: x", StringComparison.Ordinal).Replace("currency: EUR", "currency: euro", StringComparison.Ordinal);

        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseLoader.Load(yaml, "m.yaml"));

        Assert.Equal(
            [
                "m.yaml:8:11: business.target: expected a number, found 'x'",
                "m.yaml:11:13: business.currency: 'euro' is not an ISO 4217 currency code (three upper-case letters, for example EUR)",
            ],
            ex.Message.Split(Environment.NewLine));
        Assert.Equal("m.yaml:8:11: business.target: expected a number, found 'x'", ex.Errors[0].ToString());
    }

    [Fact]
    public void Load_MissingSections_AreEachReportedOnce()
    {
        var errors = Expect.Errors("usecase:\n  id: demo\n  name: Demo\n");

        Assert.Equal(2, errors.Count);
        Expect.Has(errors, 1, 1, "missing required key 'business'");
        Expect.Has(errors, 1, 1, "missing required key 'agent'");
    }

    [Fact]
    public void Load_BrokenActionList_DoesNotFlagEveryReference()
    {
        var yaml = MinimalUseCase.Text.Replace(
            "  actions:\n    - { name: accept, severity: Medium }\n    - { name: scrap, severity: Low }\n",
            "  actions: accept\n",
            StringComparison.Ordinal);

        var error = Expect.OnlyError(yaml, 17, 12, "agent.actions: expected a list, found 'accept'");
        Assert.DoesNotContain("declared", error.Message, StringComparison.Ordinal);
    }
}
