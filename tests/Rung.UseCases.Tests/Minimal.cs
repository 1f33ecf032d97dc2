namespace Rung.UseCases.Tests;

/// <summary>
/// A minimal valid use case of exactly 20 lines. Tests append agent keys from line 21 on, or
/// write a whole file inline when the error is in these lines.
/// </summary>
internal static class Minimal
{
    public const string Head = """
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
          inputs: [ { name: x, unit: mm, min: 0, max: 1 } ]
          actions:
            - { name: accept, severity: Medium }
            - { name: scrap, severity: Low }
          default_action: scrap

        """;

    /// <summary>The minimal file with <paramref name="agentLines"/> appended inside <c>agent</c>, from line 21.</summary>
    public static string With(string agentLines) => Head + agentLines;
}
