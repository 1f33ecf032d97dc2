using System.Globalization;
using System.Text.RegularExpressions;
using Rung.Cli.Demo;
using Rung.Edge.Forwarding;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary>The demo's edge: a copy of the line decided next to it, buffered through a server outage and forwarded, every case once.</summary>
public sealed partial class DemoEdgeTests
{
    [Fact]
    public async Task Demo_RunsTheLineThroughAnEdge_EveryCaseForwardedOnce_AndTheLinesOwnAgentUntouched()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = await RungProcess.RunAsync("demo", "--seed", "7", "--days", "10", "--speed", "0", "--console-port", "0", "--data", dir.Path);
        Assert.True(code == 0, stderr);

        Assert.Contains("edge line3-edge: the link to the server is down", stdout, StringComparison.Ordinal);
        Assert.Contains("edge line3-edge: the server is back", stdout, StringComparison.Ordinal);
        var match = EdgeLine().Match(stdout);
        Assert.True(match.Success, "no edge summary line in:\n" + stdout);
        var (decided, peak, forwarded, of, resent, duplicates) = (Number(match, "decided"), Number(match, "peak"), Number(match, "forwarded"), Number(match, "of"), Number(match, "resent"), Number(match, "duplicates"));
        Assert.True(decided > 100, match.Value);
        Assert.True(peak > 0, "the outage buffered nothing: " + match.Value);
        Assert.True(resent > 0, "the lost answer's batch was not sent again: " + match.Value);
        Assert.Equal((decided, decided, 0L), (forwarded, of, duplicates));

        // The figures read back from both journals: the server holds each of the edge's cases once, the edge's cursor
        // is at its head, and its last heartbeat says the buffer is empty.
        await using (var server = await SqliteRungStore.OpenAsync(Path.Combine(dir.Path, "rung.db"), TimeProvider.System))
        {
            Assert.Equal(decided, await server.CountDecisionsAsync(DemoEdge.AgentId));
            var health = Assert.Single(await server.GetEdgeHealthAsync(), h => h.EdgeId == DemoEdge.EdgeId);
            Assert.Equal(0, health.BufferDepth);
            Assert.Equal("pilot-1.0", health.ModelVersion);

            // The line's own agent decided exactly the parts the demo reports, none of the edge's copies.
            var lineCases = long.Parse(CasesLine().Matches(stdout)[^1].Groups["cases"].Value, CultureInfo.InvariantCulture);
            Assert.Equal(lineCases, await server.CountDecisionsAsync("line3-quality"));
        }

        await using var edge = await SqliteRungStore.OpenAsync(Path.Combine(dir.Path, "edge", "edge.db"), TimeProvider.System);
        Assert.Equal(await edge.GetJournalHeadAsync(), await edge.GetForwardedAsync(EdgeForwarder.Target));
        Assert.Equal(decided, await edge.CountDecisionsAsync(DemoEdge.AgentId));
    }

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"edge line3-edge: (?<decided>[\d,]+) cases decided on the edge .*buffered peak (?<peak>[\d,]+); forwarded (?<forwarded>[\d,]+) of (?<of>[\d,]+) \((?<resent>[\d,]+) re-sent after a lost answer\), duplicates (?<duplicates>\d+);")]
    private static partial Regex EdgeLine();

    [GeneratedRegex(@"day +\d+/\d+: \w+, .*?, (?<cases>\d+) cases,")]
    private static partial Regex CasesLine();
}
