using Rung.Testing;

namespace Rung.Cli.Tests;

public sealed class UseCaseValidateCommandTests
{
    [Theory]
    [InlineData("machining-quality/usecase.yaml", "line3-quality")]
    [InlineData("order-entry/usecase.yaml", "plant2-replenishment")]
    public async Task Validate_Sample_ExitsZeroAndSummarises(string sample, string agentId)
    {
        var (code, stdout, stderr) = await RungProcess.RunAsync("usecase", "validate", RepoPaths.Sample(sample));
        Assert.True(code == 0, stderr);
        Assert.Contains("valid", stdout, StringComparison.Ordinal);
        Assert.Contains(agentId, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadFile_ExitsOneWithEveryErrorPositioned()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.yaml");
        var text = File.ReadAllText(RepoPaths.Sample("machining-quality/usecase.yaml"))
            .Replace("default_action: hold_for_inspection", "default_action: hold_for_inspektion", StringComparison.Ordinal)
            .Replace("alert_line: 0.90", "alert_line: 0.95", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        var (code, _, stderr) = await RungProcess.RunAsync("usecase", "validate", path);
        Assert.Equal(1, code);
        Assert.Matches(@"bad\.yaml:\d+:\d+: agent\.default_action", stderr);
        Assert.Matches(@"bad\.yaml:\d+:\d+: agent\.slo\.alert_line", stderr);
        Assert.Contains("2 error(s)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EveryCommandHasADescription()
    {
        foreach (var command in new[] { "demo", "usecase", "replay", "status", "agent", "alarms", "summary" })
        {
            var (code, stdout, _) = await RungProcess.RunAsync(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("Description:", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownOption_ExitsWithBadUsage()
    {
        var (code, _, stderr) = await RungProcess.RunAsync("demo", "--sped", "3");
        Assert.Equal(2, code);
        Assert.Contains("--sped", stderr, StringComparison.Ordinal);
    }
}
