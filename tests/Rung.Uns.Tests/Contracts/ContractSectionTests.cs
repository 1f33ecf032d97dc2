using Rung.UseCases;

namespace Rung.Uns.Tests.Contracts;

public sealed class ContractSectionTests
{
    private const string Head = """
        usecase:
          id: demo
          name: Demo
        business:
          kpi: scrap rate
          unit: "%"
          baseline: 4
          target: 2
          owner: line.lead
          value_per_case: 1
          currency: EUR
        agent:
          id: demo-agent
          scope: acme/site/area/line
          model: { kind: process, version: "1", command: python3 }
          inputs: [ { name: temp, unit: degC, min: 0, max: 200 } ]
          actions:
            - { name: accept, severity: Medium }
            - { name: scrap, severity: Low }
          default_action: scrap

        """;

    private static IReadOnlyList<UseCaseError> Errors(string yaml) =>
        Assert.Throws<UseCaseFileException>(() => UseCaseLoader.Load(yaml, "test.yaml")).Errors;

    [Fact]
    public void Load_ContractSection_IsRead()
    {
        var file = UseCaseLoader.Load(Head + """
              contract:
                json: { value: v }
                tags:
                  - { feature: temp, tag: acme/site/area/line/cell/temp, unit: degF, max_age: 30s, hold_last: 2m }
                trigger: { tag: acme/site/area/line/cell/part_done, key: part_id }
                outcome: { topic: acme/site/area/line/qc, key: part_id, field: verdict }
                context:
                  - { name: work_order, topic: acme/site/area/line/mes/work_order }
            """, "test.yaml");

        var contract = file.Definition.Agent.Contract!;
        Assert.Equal("degF", contract.Tags[0].Unit);
        Assert.Equal(TimeSpan.FromMinutes(2), contract.Tags[0].HoldLast);
        Assert.Equal(("part_id", "v", "timestamp"), (contract.CaseKey, contract.ValueField, contract.TimestampField));
        Assert.Equal("work_order", contract.Context[0].Name);
    }

    [Fact]
    public void Load_WithoutContract_StaysValid() =>
        Assert.Null(UseCaseLoader.Load(Head, "test.yaml").Definition.Agent.Contract);

    [Fact]
    public void Load_BadContract_GivesPositionedErrors()
    {
        var errors = Errors(Head + """
              contract:
                tags:
                  - { feature: tmp, tag: a/b/c }
                  - { feature: temp, tag: a/#/c, unit: bar, max_age: 1m, hold_last: 30s }
                trigger: { tag: a/b }
            """);

        Assert.Contains(errors, e => e.Line == 23 && e.Message.Contains("'tmp' is not a declared input", StringComparison.Ordinal) && e.Message.Contains("did you mean 'temp'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 24 && e.Message.Contains("'#' must be the whole last level", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 24 && e.Message.Contains("cannot convert bar (pressure) to degC (temperature)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 24 && e.Message.Contains("hold_last (00:00:30) must be longer than max_age", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ContractWithoutTrigger_IsAnError()
    {
        var errors = Errors(Head + """
              contract:
                tags: [ { feature: temp, tag: a/b } ]
            """);
        Assert.Contains(errors, e => e.Message.Contains("missing required key 'trigger'", StringComparison.Ordinal));
    }
}
