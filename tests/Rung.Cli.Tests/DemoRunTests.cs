using Rung.Cli.Demo;
using Rung.Core.Ladder;
using Rung.Gates.Approval;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary>The main job, run in full: it climbs, it is demoted by the supplier change, and a seed fixes the story.</summary>
public sealed class DemoRunTests
{
    [Fact]
    public async Task Demo_FixedSeed_ClimbsOnlyThroughAPassedGate_AndRepeatsExactly()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var a = await RunAsync(first.Path);
        var b = await RunAsync(second.Path);

        // Every promotion is a passed gate signed by the owner: Shadow and ApproveEach are climbed, ProductionOwned is
        // refused on the business case (exception handling eats the return), and the supplier change demotes the agent.
        await using (var store = await SqliteRungStore.OpenAsync(Path.Combine(first.Path, "rung.db"), TimeProvider.System))
        {
            var decisions = await store.GetGateDecisionsAsync("line3-quality");
            var promotions = a.History.Where(h => h.Kind == StageChangeKind.Promotion).ToList();
            Assert.Equal(promotions.Count, decisions.Count(d => d.Kind == StageChangeKind.Promotion));
            Assert.All(decisions.Where(d => d.Kind == StageChangeKind.Promotion), d => Assert.Equal(SignedPromotionApproval.Method, d.ApprovalMethod));
            Assert.All(promotions, p => Assert.Equal("PASS", p.Evidence["gate"]));
            Assert.Equal([Stage.ApproveEach, Stage.AutoWithExceptions], promotions.Select(p => p.To));
        }

        var html = await File.ReadAllTextAsync(Path.Combine(first.Path, DemoGates.ReportFile));
        Assert.Contains("Business case: return at steady-state volume", html, StringComparison.Ordinal);
        Assert.DoesNotContain(a.History, h => h.To == Stage.ProductionOwned);
        Assert.Contains(a.History, h => h.Kind == StageChangeKind.Demotion && h.At > new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero).AddDays(78));
        Assert.True(a.PilotHoldoutAccuracy > 0.9, $"pilot accuracy {a.PilotHoldoutAccuracy}");

        // The owner was paged when the SLO broke, and the drift tests named what moved after the supplier change.
        var supplierChange = new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero).AddDays(78);
        Assert.Contains(a.DriftFindings, f => f.StartsWith("spindle_torque drifted", StringComparison.Ordinal) && f.EndsWith("cases after the supplier change began", StringComparison.Ordinal));
        Assert.Contains(a.Alarms, al => al.RaisedAt > supplierChange && al.Owner == "line3.lead");

        // The same seed gives the same weekly table and the same history, to the case.
        Assert.Equal(a.Weeks, b.Weeks);
        Assert.Equal(a.History.Select(h => (h.At, h.From, h.To, h.Reason)), b.History.Select(h => (h.At, h.From, h.To, h.Reason)));
        Assert.Equal(a.Cases, b.Cases);
        Assert.Equal(a.Alarms.Select(al => (al.Id, al.Key, al.RaisedAt, al.State)), b.Alarms.Select(al => (al.Id, al.Key, al.RaisedAt, al.State)));
        Assert.Equal(a.DriftFindings, b.DriftFindings);
        Assert.Equal(13, a.Weeks.Count);
    }

    [Fact]
    public async Task Demo_ThroughTheCommand_PrintsTheTableAndLeavesAnInspectableFolder()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = await RungProcess.RunAsync("demo", "--seed", "3", "--days", "20", "--speed", "0", "--data", dir.Path);
        Assert.True(code == 0, stderr);
        Assert.Contains("Weekly evidence, from the journal", stdout, StringComparison.Ordinal);
        // Twenty days of seed 3 are not enough evidence to leave Shadow: the gate says so, and nothing is promoted.
        Assert.Contains("gate FAIL Shadow -> ApproveEach", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("promoted", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "rung.db")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "usecase.yaml")));

        var (statusCode, status, _) = await RungProcess.RunAsync("status", "--data", dir.Path);
        Assert.Equal(0, statusCode);
        Assert.Contains("line3-quality", status, StringComparison.Ordinal);
        Assert.Contains("Shadow", status, StringComparison.Ordinal);

        var (agentCode, agentStatus, agentErr) = await RungProcess.RunAsync("agent", "status", "--data", dir.Path);
        Assert.True(agentCode == 0, agentErr);
        Assert.Contains("Drift and data quality per feature", agentStatus, StringComparison.Ordinal);
        Assert.Contains("spindle_torque", agentStatus, StringComparison.Ordinal);

        var (alarmsCode, alarms, _) = await RungProcess.RunAsync("alarms", "--all", "--data", dir.Path);
        Assert.Equal(0, alarmsCode);
        Assert.Contains("alarm(s)", alarms, StringComparison.Ordinal);

        var (ghostCode, _, ghostErr) = await RungProcess.RunAsync("alarms", "ack", "no-such-alarm", "--by", "line3.lead", "--data", dir.Path);
        Assert.Equal(2, ghostCode);
        Assert.Contains("No alarm 'no-such-alarm'", ghostErr, StringComparison.Ordinal);

        var (badCode, _, badErr) = await RungProcess.RunAsync("demo", "--days", "0", "--data", dir.Path);
        Assert.Equal(2, badCode);
        Assert.Contains("--days", badErr, StringComparison.Ordinal);
    }

    private static Task<DemoResult> RunAsync(string data) =>
        new DemoRunner(new DemoSettings(7, 90, 0, new DirectoryInfo(data)), TimeProvider.System).RunAsync(null, CancellationToken.None);
}
