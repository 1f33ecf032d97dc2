using System.Text.Json;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary><c>rung gate</c> and <c>rung alarms test-page</c> on a real demo folder.</summary>
public sealed class GateCommandTests
{
    [Fact]
    public async Task Gate_OnADemoFolder_EvaluatesReportsAttestsAndCountsAnAcknowledgedTestPage()
    {
        using var dir = new TempDirectory();
        var (demoCode, demoOut, demoErr) = await RungProcess.RunAsync("demo", "--seed", "3", "--days", "20", "--speed", "0", "--data", dir.Path);
        Assert.True(demoCode == 0, demoErr);
        Assert.Contains("gate ", demoOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "gate-report.html")));

        // Still on Shadow after 20 days of seed 3: the agreement with the humans is under the line, so the gate fails (exit 1).
        var (code, stdout, stderr) = await RungProcess.RunAsync("gate", "evaluate", "--data", dir.Path);
        Assert.True(code == 1, stdout + stderr);
        Assert.StartsWith("FAIL Shadow -> ApproveEach", stdout, StringComparison.Ordinal);
        Assert.Contains("back to Shadow", stdout, StringComparison.Ordinal);

        var (jsonCode, json, _) = await RungProcess.RunAsync("gate", "evaluate", "--data", dir.Path, "--agent", "line3-quality", "--json");
        Assert.Equal(1, jsonCode);
        using (var doc = JsonDocument.Parse(json))
        {
            Assert.False(doc.RootElement.GetProperty("passed").GetBoolean());
            Assert.Equal("Shadow", doc.RootElement.GetProperty("from").GetString());
            var agreement = doc.RootElement.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "shadow.agreement");
            Assert.False(agreement.GetProperty("passed").GetBoolean());
        }

        var (pageCode, pageOut, pageErr) = await RungProcess.RunAsync("alarms", "test-page", "--agent", "line3-quality", "--data", dir.Path);
        Assert.True(pageCode == 0, pageErr);
        var alarmId = pageOut.Split("rung alarms ack ")[^1].Split(' ')[0];
        var (ackCode, _, ackErr) = await RungProcess.RunAsync("alarms", "ack", alarmId, "--by", "line3.lead", "--data", dir.Path);
        Assert.True(ackCode == 0, ackErr);

        var (attestCode, _, attestErr) = await RungProcess.RunAsync("gate", "attest", "--item", "operators_trained", "--by", "shift.lead", "--note", "all shifts trained, record TR-9", "--data", dir.Path);
        Assert.True(attestCode == 0, attestErr);
        var (badItem, _, badItemErr) = await RungProcess.RunAsync("gate", "attest", "--item", "trained", "--by", "shift.lead", "--note", "x", "--data", dir.Path);
        Assert.Equal(2, badItem);
        Assert.Contains("--item 'trained' is not an item", badItemErr, StringComparison.Ordinal);

        foreach (var format in new[] { "html", "md", "json" })
        {
            var file = Path.Combine(dir.Path, "reports", "gate." + format);
            var (reportCode, _, reportErr) = await RungProcess.RunAsync("gate", "report", "--data", dir.Path, "--out", file, "--format", format);
            Assert.True(reportCode == 0, reportErr);
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains("shift.lead", text, StringComparison.Ordinal);
        }

        Assert.StartsWith("# Gate Shadow -> ApproveEach: FAIL", await File.ReadAllTextAsync(Path.Combine(dir.Path, "reports", "gate.md")), StringComparison.Ordinal);

        var (badFormat, _, _) = await RungProcess.RunAsync("gate", "report", "--data", dir.Path, "--out", Path.Combine(dir.Path, "x.pdf"), "--format", "pdf");
        Assert.Equal(2, badFormat);
        var (wrongAgent, _, wrongAgentErr) = await RungProcess.RunAsync("gate", "evaluate", "--data", dir.Path, "--agent", "nobody");
        Assert.Equal(2, wrongAgent);
        Assert.Contains("--agent 'nobody'", wrongAgentErr, StringComparison.Ordinal);

        var (promoteCode, _, promoteErr) = await RungProcess.RunAsync("gate", "promote", "--data", dir.Path, "--by", "line3.lead");
        Assert.Equal(1, promoteCode);
        Assert.Contains("may not leave Shadow", promoteErr, StringComparison.Ordinal);
    }
}
