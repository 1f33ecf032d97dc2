using System.Globalization;
using System.Net;
using System.Text;
using Rung.Gates.Evaluation;

namespace Rung.Gates.Reports;

/// <summary>
/// The gate report as one self-contained HTML page: verdict first, each criterion with its evidence, inline SVG
/// charts, no script and no external request. Readable on a tablet and in a dark control room (follows
/// <c>prefers-color-scheme</c>).
/// </summary>
public static class GateReportHtml
{
    private const string Style = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --card: #f6f8fa; --line: #d0d7de;
          --ok: #1a7f37; --bad: #cf222e; --bar-ok: #2da44e; --bar-bad: #e5534b; --floor: #9a6700; }
        @media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --card: #161b22; --line: #30363d;
          --ok: #3fb950; --bad: #ff7b72; --bar-ok: #2ea043; --bar-bad: #f85149; --floor: #d29922; } }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 1rem; background: var(--bg); color: var(--fg); font: 17px/1.5 system-ui, sans-serif; max-width: 70rem; margin-inline: auto; }
        h1 { font-size: 1.6rem; margin: .2rem 0; } h2 { font-size: 1.2rem; margin: 0 0 .4rem; }
        .verdict { font-size: 2.4rem; font-weight: 700; padding: .4rem 1rem; border-radius: .5rem; display: inline-block; color: var(--bg); }
        .pass { background: var(--ok); } .fail { background: var(--bad); }
        .muted { color: var(--muted); }
        section { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: .8rem 1rem; margin: .8rem 0; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .tag { font-weight: 700; } .tag.ok { color: var(--ok); } .tag.bad { color: var(--bad); }
        svg .grid { stroke: var(--line); stroke-width: 1; } svg .axis { fill: var(--muted); font-size: 12px; }
        svg .bar-ok { fill: var(--bar-ok); } svg .bar-bad { fill: var(--bar-bad); } svg .floor { stroke: var(--floor); stroke-width: 2; stroke-dasharray: 6 4; }
        ol li { font-family: ui-monospace, monospace; font-size: .95rem; }
        """;

    /// <summary>The report as HTML.</summary>
    public static string Write(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append(F($"<title>Gate {report.From} -> {report.To}: {report.Verdict} ({E(report.AgentId)})</title><style>{Style}</style></head><body>"));
        h.Append(F($"<header><span class=\"verdict {(report.Passed ? "pass" : "fail")}\" id=\"verdict\">{report.Verdict}</span>"));
        h.Append(F($"<h1>Gate {report.From} &rarr; {report.To}</h1><p>{E(report.Headline)}</p>"));
        if (report.ReturnTo is { } back)
        {
            h.Append(F($"<p><strong>Return to {back}.</strong></p>"));
        }

        h.Append(F($"<p class=\"muted\">Agent {E(report.AgentId)} ({E(report.UseCaseName)}), owner {E(report.Owner)}, on {report.Stage}; evaluated {report.EvaluatedAt:yyyy-MM-dd HH:mm} UTC.</p></header>"));
        h.Append("<section><h2>Criteria</h2><table><thead><tr><th>criterion</th><th>verdict</th><th>measured</th><th>on failure</th></tr></thead><tbody>");
        foreach (var c in report.Criteria)
        {
            h.Append(F($"<tr><td>{E(c.Name)}</td><td>{Tag(c.Passed, "pass", "FAIL")}</td><td>{E(c.Summary)}</td><td>back to {c.ReturnTo}</td></tr>"));
        }

        h.Append("</tbody></table></section>");
        foreach (var c in report.Criteria)
        {
            h.Append(F($"<section id=\"{E(c.Id)}\"><h2>{E(c.Name)} {Tag(c.Passed, "pass", "FAIL")}</h2><p>{E(c.Summary)}</p>"));
            if (c.Weeks.Count > 0)
            {
                h.Append(SvgChart.WeeklyAccuracy(c.Weeks));
            }

            h.Append("<table><tbody>");
            foreach (var e in c.Evidence)
            {
                h.Append(F($"<tr><th scope=\"row\">{E(e.Name)}</th><td>{E(e.Value)}</td></tr>"));
            }

            h.Append("</tbody></table></section>");
        }

        h.Append("<section><h2>Business case: return at steady-state volume</h2><table><thead><tr><th>cost line</th><th>monthly</th><th>budget</th><th>basis</th></tr></thead><tbody>");
        foreach (var l in report.Economics.Lines)
        {
            h.Append(F($"<tr><td>{E(l.Name)}</td><td>{l.Monthly:0.00} {E(report.Economics.Currency)}</td><td>{(l.Budget is { } b ? b.ToString("0.00", CultureInfo.InvariantCulture) : "<span class=\"tag bad\">none</span>")}</td><td>{E(l.Basis)}</td></tr>"));
        }

        h.Append("</tbody></table><ol>");
        foreach (var step in report.Economics.Steps)
        {
            h.Append(F($"<li>{E(step)}</li>"));
        }

        h.Append("</ol></section><section><h2>Readiness</h2><table><thead><tr><th>item</th><th>state</th><th>source</th><th>detail</th></tr></thead><tbody>");
        foreach (var item in report.Readiness)
        {
            h.Append(F($"<tr><td>{E(item.Name)}</td><td>{Tag(item.Met, "ready", "not ready")}</td><td>{E(item.Source)}</td><td>{E(item.Detail)}</td></tr>"));
        }

        h.Append("</tbody></table></section></body></html>\n");
        return h.ToString();
    }

    private static string Tag(bool ok, string yes, string no) => ok ? $"<span class=\"tag ok\">{yes}</span>" : $"<span class=\"tag bad\">{no}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
