namespace Rung.Testing;

/// <summary>
/// A minimal valid use-case file, shared by every test project that loads one. <see cref="Text"/> is exactly 20 lines
/// and error-position tests count on that: keep the line count when editing it. Tests add their own keys after it
/// (inside <c>agent</c> from line 21 on) or swap single lines with <see cref="string.Replace(string, string, StringComparison)"/>.
/// </summary>
internal static class MinimalUseCase
{
    /// <summary>The <c>usecase</c> and <c>business</c> sections (lines 1 to 11), for a test that writes its own agent.</summary>
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

        """;

    /// <summary>The <c>agent</c> section (lines 12 to 20): one input, two actions, a default action.</summary>
    public const string Agent = """
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

    /// <summary>The whole minimal file, 20 lines.</summary>
    public const string Text = Head + Agent;

    /// <summary>The minimal file with <paramref name="agentLines"/> appended inside <c>agent</c>, from line 21.</summary>
    public static string With(string agentLines) => Text + agentLines;
}
