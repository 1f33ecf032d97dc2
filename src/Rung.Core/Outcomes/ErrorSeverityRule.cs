using Rung.Core.Proposals;

namespace Rung.Core.Outcomes;

/// <summary>
/// How bad a wrong proposal is: proposing <paramref name="Proposed"/> when <paramref name="Actual"/> was right.
/// <c>*</c> matches any action. The first matching rule wins; with none, a wrong proposal is Medium.
/// </summary>
public sealed record ErrorSeverityRule(string Proposed, string Actual, Severity Severity);
