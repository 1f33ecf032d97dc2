using System.Text.Json;
using Rung.Runtime.Notifications;
using Rung.Testing;

namespace Rung.Runtime.Tests.Notifications;

public sealed class LocalChannelTests
{
    [Fact]
    public async Task ConsoleChannel_WritesOneLinePerPage()
    {
        var writer = new StringWriter();
        var channel = new ConsoleChannel(writer);

        await channel.DeliverAsync(Pages.AlertLine());
        await channel.DeliverAsync(Pages.AlertLine(PageKind.Resolved));

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "2026-01-05T07:59:30Z PAGE critical raised alarm-7 agent=line3-quality rule=slo.alert_line to=line3.lead: Accuracy under the alert line",
                "2026-01-05T07:59:30Z PAGE critical resolved alarm-7 agent=line3-quality rule=slo.alert_line to=line3.lead: Accuracy under the alert line",
            ],
            lines);
    }

    [Fact]
    public async Task FileChannel_AppendsOneJsonLinePerPage_CreatingTheFolder()
    {
        using var dir = new TempDirectory();
        var channel = new FileChannel(dir.File("alarms/pages.jsonl"));

        await channel.DeliverAsync(Pages.AlertLine());
        await channel.DeliverAsync(Pages.AlertLine(PageKind.TestPage));

        var lines = await File.ReadAllLinesAsync(channel.Path);
        Assert.Equal(2, lines.Length);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("alarm-7:test_page", second.RootElement.GetProperty("delivery_id").GetString());
        Assert.Equal("test_page", second.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task FileChannel_PathIsAFolder_FailsNamingThePath()
    {
        using var dir = new TempDirectory();
        var channel = new FileChannel(dir.Path);

        var error = await Assert.ThrowsAsync<NotificationException>(() => channel.DeliverAsync(Pages.AlertLine()));

        Assert.Contains(dir.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'file'", error.Message, StringComparison.Ordinal);
    }
}
