using Rung.Testing;
using Rung.UseCases;

namespace Rung.Uns.Tests.Contracts;

public sealed class ContractSectionTests
{
    // The minimal file with its one input swapped for a temperature, so units can convert; still 20 lines.
    private static readonly string Head = MinimalUseCase.Text.Replace(
        "{ name: x, unit: mm, min: 0, max: 1 }", "{ name: temp, unit: degC, min: 0, max: 200 }", StringComparison.Ordinal);

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
