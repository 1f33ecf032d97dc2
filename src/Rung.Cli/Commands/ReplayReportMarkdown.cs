using System.Globalization;
using System.Text;

namespace Rung.Cli.Commands;

/// <summary>Renders a <see cref="ReplayReport"/> as Markdown for people: the same figures as the JSON, in tables.</summary>
internal static class ReplayReportMarkdown
{
    public static string Render(ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Line($"# Shadow replay: {report.Agent}");
        md.Line();
        md.Line($"Use case `{report.UseCase}`, model `{report.ModelVersion}`, stage {report.Stage}, history `{report.History}`, generated {report.GeneratedAt.ToString("u", CultureInfo.InvariantCulture)}.");
        md.Line();
        md.Line("## Rows");
        md.Line();
        md.Line("| rows in the file | decided | already journalled | set aside |");
        md.Line("| ---: | ---: | ---: | ---: |");
        md.Line($"| {report.Rows} | {report.Decided} | {report.AlreadyJournalled} | {report.Rejected} |");
        md.Line();
        md.Line($"Dispositions: {Join(report.Dispositions)}. Flagged by the data contract: {report.Flagged}. Model calls without an answer (safe default used): {(report.ModelFailures.Count == 0 ? "none" : Join(report.ModelFailures))}.");
        md.Line();
        if (report.FileNotes.Count > 0)
        {
            md.Line("Notes on the file:");
            md.Line();
            foreach (var note in report.FileNotes)
            {
                md.Line($"- line {note.Line}{Field(note.Field)}: {note.Problem}");
            }

            md.Line();
        }

        if (report.RejectedRows.Count > 0)
        {
            md.Line("### Rows set aside");
            md.Line();
            md.Line("| line | column | problem |");
            md.Line("| ---: | --- | --- |");
            foreach (var row in report.RejectedRows)
            {
                md.Line($"| {row.Line} | {row.Field ?? ""} | {Escape(row.Problem)} |");
            }

            md.Line();
        }

        md.Line("## Agent against people");
        md.Line();
        md.Line(report.Labelled == 0
            ? "No row has a human_action: nothing to compare."
            : $"Agreement: **{report.Agreed}/{report.Labelled} ({Percent(report.Agreement)})** of the labelled cases.");
        md.Line();
        if (report.Labelled > 0)
        {
            md.Line("### Confusion (rows: what people did; columns: what the agent would have done)");
            md.Line();
            md.Line($"| people \\ agent | {string.Join(" | ", report.Classes)} |");
            md.Line($"| --- |{string.Concat(report.Classes.Select(_ => " ---: |"))}");
            for (var i = 0; i < report.Classes.Count; i++)
            {
                md.Line($"| {report.Classes[i]} | {string.Join(" | ", report.Confusion[i])} |");
            }

            md.Line();
            md.Line("### Per class");
            md.Line();
            md.Line("| action | people | agent | agreed | precision | recall |");
            md.Line("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var c in report.PerClass)
            {
                md.Line($"| {c.Action} | {c.Human} | {c.Agent} | {c.Agreed} | {Percent(c.Precision)} | {Percent(c.Recall)} |");
            }

            md.Line();
        }

        md.Line("### Per severity");
        md.Line();
        md.Line("| severity | proposals | labelled | agreed | errors judged this bad |");
        md.Line("| --- | ---: | ---: | ---: | ---: |");
        foreach (var s in report.PerSeverity)
        {
            md.Line($"| {s.Severity} | {s.Proposals} | {s.Labelled} | {s.Agreed} | {s.Errors} |");
        }

        md.Line();
        md.Line("### Per month");
        md.Line();
        md.Line("| month | cases | labelled | agreed | agreement | flagged | drifted inputs |");
        md.Line("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var m in report.PerMonth)
        {
            var drifted = m.DriftedFeatures is null ? "not tested" : m.DriftedFeatures.Count == 0 ? "none" : string.Join(", ", m.DriftedFeatures);
            md.Line($"| {m.Month} | {m.Cases} | {m.Labelled} | {m.Agreed} | {Percent(m.Agreement)} | {m.Flagged} | {drifted} |");
        }

        md.Line();
        md.Line("## Drift");
        md.Line();
        md.Line($"Reference: {report.Drift.Reference}.");
        md.Line();
        foreach (var (month, features) in report.Drift.Months)
        {
            md.Line($"### {month}");
            md.Line();
            md.Line("| input | test | statistic | p (corrected) | PSI | drifted |");
            md.Line("| --- | --- | ---: | ---: | ---: | --- |");
            foreach (var f in features)
            {
                md.Line($"| {f.Feature} | {f.Test} | {Number(f.Statistic)} | {(f.AdjustedPValue is { } p ? Number(p) : "")} | {Number(f.Psi)} | {(f.Drifted ? "yes" : "no")} |");
            }

            md.Line();
        }

        md.Line(report.Drift.ErrorChanges.Count == 0
            ? "ADWIN saw no change in the agent's error rate over the labelled cases."
            : "ADWIN saw the agent's error rate change at:");
        md.Line();
        foreach (var change in report.Drift.ErrorChanges)
        {
            md.Line($"- case `{change.CaseId}` ({change.OccurredAt.ToString("u", CultureInfo.InvariantCulture)}): error rate {Percent(change.ErrorRateBefore)} before, {Percent(change.ErrorRateAfter)} after");
        }

        return md.ToString();
    }

    private static void Line(this StringBuilder md, string text = "") => md.Append(text).Append('\n');

    private static string Join(IReadOnlyDictionary<string, long> counts) => string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"));

    private static string Field(string? field) => field is null ? string.Empty : $" ({field})";

    private static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
