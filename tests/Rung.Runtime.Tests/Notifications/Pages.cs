using Rung.Runtime.Notifications;

namespace Rung.Runtime.Tests.Notifications;

/// <summary>Pages for tests.</summary>
internal static class Pages
{
    public static Page AlertLine(PageKind kind = PageKind.Raised, string recipient = "line3.lead") => new(
        AlarmId: "alarm-7",
        AgentId: "line3-quality",
        UseCaseId: "test-quality",
        Rule: "slo.alert_line",
        Severity: PageSeverity.Critical,
        Title: "Accuracy under the alert line",
        Detail: "Rolling accuracy over the last 100 labelled cases is 87.0 %, under the 90 % alert line.",
        Evidence: new Dictionary<string, string>
        {
            ["rolling_accuracy"] = "0.870",
            ["alert_line"] = "0.900",
            ["window_cases"] = "100",
        },
        Runbook: "Check the last shift's rejected parts; demote to ApproveEach if the trend holds.",
        Recipient: recipient,
        Kind: kind,
        At: new DateTimeOffset(2026, 1, 5, 7, 59, 30, TimeSpan.Zero));
}
