namespace Rung.Cli.Commands;

/// <summary>One severity class: proposals of that severity and how they fared, and wrong proposals judged that bad.</summary>
/// <param name="Severity">Low, Medium or High.</param>
/// <param name="Proposals">Cases whose proposal had this severity.</param>
/// <param name="Labelled">Of those, cases with a human action.</param>
/// <param name="Agreed">Of those, cases where the agent agreed with people.</param>
/// <param name="Errors">Wrong proposals (any proposal severity) that the use case's error_severity rules judge this bad.</param>
internal sealed record ReplayReportSeverity(string Severity, long Proposals, long Labelled, long Agreed, long Errors);
