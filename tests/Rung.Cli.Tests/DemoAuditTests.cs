using System.Text.Json;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary>The demo's stage changes and approvals land in the audit trail, which verifies against daily checkpoints.</summary>
public sealed class DemoAuditTests
{
    [Fact]
    public async Task Demo_AuditTrail_VerifiesAndHoldsStageChangesAndApprovals()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = await RungProcess.RunAsync("demo", "--seed", "3", "--days", "20", "--speed", "0", "--data", dir.Path);
        Assert.True(code == 0, stderr);
        Assert.True(File.ReadAllLines(Path.Combine(dir.Path, "audit-checkpoints.jsonl")).Length >= 1);

        var (verifyCode, verify, _) = await RungProcess.RunAsync("audit", "verify", "--data", dir.Path);
        Assert.True(verifyCode == 0, verify);
        Assert.Contains("Audit trail verified", verify, StringComparison.Ordinal);

        var file = dir.File("stage.json");
        var (exportCode, _, exportErr) = await RungProcess.RunAsync("audit", "export", "--record", "user", "--out", file, "--data", dir.Path);
        Assert.True(exportCode == 0, exportErr);
        using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        Assert.True(doc.RootElement.GetProperty("verification").GetProperty("valid").GetBoolean());
        // The owner who signs promotions has an account, created in the trail; no promotion is made while the gate fails.
        Assert.NotEmpty(doc.RootElement.GetProperty("entries").EnumerateArray());
    }
}
