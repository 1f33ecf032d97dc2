using System.Globalization;
using System.Text;

namespace Rung.Runtime.Notifications;

/// <summary>The plain-text e-mail for a page: a subject a person can triage from, and a body with the evidence.</summary>
public static class PageEmail
{
    /// <summary>
    /// <c>[Rung Critical] Title</c> for a raised alarm; escalations, resolutions and test pages say so after the
    /// severity. Line breaks in the title become spaces.
    /// </summary>
    public static string Subject(Page page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var kind = page.Kind switch
        {
            PageKind.Escalated => "ESCALATED: ",
            PageKind.Resolved => "RESOLVED: ",
            PageKind.TestPage => "TEST: ",
            PageKind.DailySummary => "DAILY SUMMARY: ",
            _ => string.Empty,
        };
        return $"[Rung {page.Severity}] {kind}{OneLine(page.Title)}";
    }

    /// <summary>The body: what fired, the detail, the evidence as an aligned table, and the runbook.</summary>
    public static string Body(Page page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var text = new StringBuilder();
        var at = page.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        text.AppendLine(OneLine(page.Title)).AppendLine();
        Field(text, "Severity", page.Severity.ToString());
        Field(text, "Alarm", $"{page.AlarmId} ({PageNames.Of(page.Kind)} at {at})");
        Field(text, "Agent", $"{page.AgentId} (use case {page.UseCaseId})");
        Field(text, "Rule", page.Rule);
        Field(text, "Delivery", page.DeliveryId);
        text.AppendLine().AppendLine(page.Detail.Trim()).AppendLine();

        text.AppendLine("Evidence");
        if (page.Evidence.Count == 0)
        {
            text.AppendLine("  (none)");
        }
        else
        {
            var width = page.Evidence.Keys.Max(k => k.Length);
            foreach (var (name, value) in page.Evidence)
            {
                text.Append("  ").Append(name.PadRight(width)).Append("  ").AppendLine(OneLine(value));
            }
        }

        text.AppendLine().AppendLine("Runbook");
        text.Append("  ").AppendLine(page.Runbook.Length == 0 ? "(none)" : page.Runbook.Trim().ReplaceLineEndings(Environment.NewLine + "  "));
        text.AppendLine().AppendLine("-- ");
        text.Append(CultureInfo.InvariantCulture, $"Sent by Rung to {page.Recipient} as the person on call for agent {page.AgentId}.").AppendLine();
        return text.ToString().ReplaceLineEndings("\r\n");
    }

    private static void Field(StringBuilder text, string name, string value) =>
        text.Append((name + ":").PadRight(10)).AppendLine(OneLine(value));

    private static string OneLine(string value) => value.ReplaceLineEndings(" ").Trim();
}
