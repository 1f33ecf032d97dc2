using System.Globalization;
using System.Text;
using Rung.Gates.Evaluation;

namespace Rung.Gates.Reports;

/// <summary>The gate report as Markdown: verdict first, then each criterion with its evidence, the business case and readiness.</summary>
public static class GateReportMarkdown
{
    /// <summary>The report as Markdown.</summary>
    public static string Write(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(F($"# Gate {report.From} -> {report.To}: {report.Verdict}"));
        md.AppendLine();
        md.AppendLine(F($"Agent `{report.AgentId}` ({report.UseCaseName}), owner {report.Owner}, on {report.Stage}; evaluated {report.EvaluatedAt:yyyy-MM-dd HH:mm} UTC."));
        md.AppendLine();
        md.AppendLine(report.Headline);
        if (report.ReturnTo is { } back)
        {
            md.AppendLine();
            md.AppendLine(F($"Failed criteria name **{back}** as the stage to return to."));
        }

        md.AppendLine();
        md.AppendLine("| criterion | verdict | measured | on failure |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var c in report.Criteria)
        {
            md.AppendLine(F($"| {Cell(c.Name)} | {(c.Passed ? "pass" : "**FAIL**")} | {Cell(c.Summary)} | back to {c.ReturnTo} |"));
        }

        foreach (var c in report.Criteria)
        {
            md.AppendLine();
            md.AppendLine(F($"## {c.Name}: {(c.Passed ? "pass" : "FAIL")}"));
            md.AppendLine();
            md.AppendLine(c.Summary);
            md.AppendLine();
            foreach (var e in c.Evidence)
            {
                md.AppendLine(F($"- {e.Name}: {e.Value}"));
            }

            if (c.Weeks.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("| week from | labelled | accuracy | floor | holds |");
                md.AppendLine("| --- | ---: | ---: | ---: | --- |");
                foreach (var w in c.Weeks)
                {
                    md.AppendLine(F($"| {w.Start:yyyy-MM-dd} | {w.Labelled} | {w.Accuracy * 100:0.0} % | {w.Floor * 100:0.0} % | {(w.Holds ? "yes" : "no")} |"));
                }
            }
        }

        md.AppendLine();
        md.AppendLine("## Business case: return at steady-state volume");
        md.AppendLine();
        foreach (var step in report.Economics.Steps)
        {
            md.AppendLine("1. " + step);
        }

        md.AppendLine();
        md.AppendLine("## Readiness");
        md.AppendLine();
        md.AppendLine("| item | state | source | detail |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var item in report.Readiness)
        {
            md.AppendLine(F($"| {Cell(item.Name)} | {(item.Met ? "ready" : "**not ready**")} | {item.Source} | {Cell(item.Detail)} |"));
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
