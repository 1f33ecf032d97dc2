using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Rung.Cli.Tests;
using Rung.Core.Policy;
using Rung.Edge.Protocol;
using Rung.Storage.Edge;

namespace Rung.Edge.Tests.Processes;

/// <summary>Real <c>rung serve</c> and <c>rung edge run</c> processes, killed with SIGKILL where a crash is the point.</summary>
[Collection(EdgeProcessFixture.Collection)]
public sealed class EdgeProcessTests
{
    [Fact]
    public async Task ServerKilledMidForwarding_EveryCaseArrivesExactlyOnce()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync();
        await fixture.StartServerAsync();
        const int Cases = 1500;
        using var edge = fixture.StartEdge("--input", fixture.WriteInput(Cases), "--rate", "500", "--exit-when-done");
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("progress:", StringComparison.Ordinal) && EdgeProcessFixture.Progress(l).Forwarded > 0);

        fixture.KillServer();
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.Contains("server away", StringComparison.Ordinal));
        await fixture.StartServerAsync();
        await EdgeProcessFixture.WaitForExitAsync(edge);
        Assert.Equal(0, edge.ExitCode);
        fixture.KillServer();

        var server = await EdgeProcessFixture.ReadJournalAsync(fixture.ServerDatabase);
        var local = await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal);
        Assert.Equal(Cases, local.Count);
        Assert.Equal(Cases, server.Count);
        Assert.Equal(Cases, server.Select(e => e.Record.Case.CaseId).Distinct().Count());
        Assert.Equal(local.Select(e => e.Record.Case.CaseId).Order(), server.Select(e => e.Record.Case.CaseId).Order());
    }

    [Fact]
    public async Task EdgeKilledMidBatch_JournalRecovers_NothingLostOrRepeated()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync();
        await fixture.StartServerAsync();
        const int Cases = 1500;
        var input = fixture.WriteInput(Cases);
        using (var first = fixture.StartEdge("--input", input, "--rate", "600"))
        {
            await EdgeProcessFixture.WaitForLineAsync(first, l => l.StartsWith("progress:", StringComparison.Ordinal) && EdgeProcessFixture.Progress(l).Journal > 200);
            first.Kill();
        }

        var beforeRestart = await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal);
        Assert.InRange(beforeRestart.Count, 1, Cases - 1);

        using var second = fixture.StartEdge("--input", input, "--exit-when-done");
        await EdgeProcessFixture.WaitForExitAsync(second);
        Assert.Equal(0, second.ExitCode);
        fixture.KillServer();

        var local = await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal);
        var server = await EdgeProcessFixture.ReadJournalAsync(fixture.ServerDatabase);
        Assert.Equal(Cases, local.Count);
        Assert.Equal(Cases, local.Select(e => e.Record.Case.CaseId).Distinct().Count());
        Assert.Equal(Cases, server.Count);
        var actions = await File.ReadAllLinesAsync(Path.Combine(fixture.EdgeData, "actions", EdgeProcessFixture.AgentId + ".jsonl"));
        var committed = local.Count(e => e.Record.Decision.Disposition == Disposition.Committed);
        Assert.True(committed > Cases / 2, $"only {committed} committed");
        Assert.Equal(committed, actions.Length);
        Assert.Equal(actions.Length, actions.Select(a => a.Split("\"case_id\":\"")[1].Split('"')[0]).Distinct().Count());
    }

    [Fact]
    public async Task TokenOfAnotherLine_CannotFetchOrForward()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync();
        await fixture.StartServerAsync();

        using var line4 = new EdgeHttpServer(new Uri(fixture.ServerUrl), fixture.Line4Token);
        using var line3 = new EdgeHttpServer(new Uri(fixture.ServerUrl), fixture.Line3Token);
        Assert.Empty(await line4.GetConfigAsync());
        Assert.Single(await line3.GetConfigAsync());

        var (code, _, stderr) = await RungProcess.RunAsync("edge", "run", "--server", fixture.ServerUrl, "--token", fixture.Line4Token, "--data", fixture.EdgeData, "--input", fixture.WriteInput(1));
        Assert.Equal(1, code);
        Assert.Contains("publishes no agent", stderr, StringComparison.Ordinal);

        // A line-3 batch forwarded with the line-4 token: refused whole, nothing stored.
        using (var edge = fixture.StartEdge("--input", fixture.WriteInput(5), "--exit-when-done"))
        {
            await EdgeProcessFixture.WaitForExitAsync(edge);
        }

        var entries = await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal);
        using var http = new HttpClient { BaseAddress = new Uri(fixture.ServerUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Line4Token);
        var forged = entries[0] with { Record = entries[0].Record with { Case = entries[0].Record.Case with { CaseId = "forged-1" } } };
        var body = $$"""{"edgeId":"line4-edge","entries":[{{JournalWire.Write(forged).ToJsonString()}}]}""";
        using var response = await http.PostAsync("api/v1/edge/journal", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        fixture.KillServer();
        Assert.DoesNotContain(await EdgeProcessFixture.ReadJournalAsync(fixture.ServerDatabase), e => e.Record.Case.CaseId == "forged-1");
    }

    [Fact]
    public async Task StopSwitch_FromTheServer_HaltsWritesWithinASecond()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync();
        await fixture.StartServerAsync();
        using var edge = fixture.StartEdge("--input", fixture.WriteInput(3000), "--rate", "300", "--batch", "5");
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("progress:", StringComparison.Ordinal) && EdgeProcessFixture.Progress(l).Journal > 100);

        var (code, _, stderr) = await RungProcess.RunAsync("edge", "stop", "--server", fixture.ServerUrl, "--token", fixture.Line3Token, "--scope", EdgeProcessFixture.Line3, "--reason", "tool change");
        Assert.True(code == 0, stderr);
        await AssertHaltedAsync(fixture, edge, "server");
    }

    [Fact]
    public async Task StopSwitch_Local_WithTheServerDown_HaltsWritesWithinASecond()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync();
        await fixture.StartServerAsync();
        using (var warmup = fixture.StartEdge("--input", fixture.WriteInput(3, "warmup.jsonl"), "--exit-when-done"))
        {
            await EdgeProcessFixture.WaitForExitAsync(warmup);
            Assert.Equal(0, warmup.ExitCode);
        }

        fixture.KillServer();
        using var edge = fixture.StartEdge("--input", fixture.WriteInput(3000), "--rate", "300", "--batch", "5");
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("progress:", StringComparison.Ordinal) && EdgeProcessFixture.Progress(l).Journal > 100);

        var (code, _, stderr) = await RungProcess.RunAsync("edge", "stop", "--local", "--data", fixture.EdgeData, "--scope", EdgeProcessFixture.Line3, "--reason", "server away, tool change", "--by", "line3.lead");
        Assert.True(code == 0, stderr);
        await AssertHaltedAsync(fixture, edge, "local");
    }

    /// <summary>
    /// From the journal's own times: every case decided more than a second after the stop was recorded is not
    /// committed, cases were committed before it (so the check can fail), and the edge kept deciding after it.
    /// </summary>
    private static async Task AssertHaltedAsync(EdgeProcessFixture fixture, RungProcess edge, string origin)
    {
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.Contains("STOPPED", StringComparison.Ordinal));
        var stop = Assert.Single(await EdgeProcessFixture.ReadStopsAsync(fixture.EdgeJournal), s => s.Stopped);
        Assert.Equal(origin, stop.Origin);

        // Wait on the journal's own times, not a count of cases: an edge that fell behind on a loaded machine
        // catches up in a burst, and a fixed number of cases can then all fall within the first second.
        using (var hang = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            while ((await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal)).Count(e => e.Record.DecidedAt > stop.At + TimeSpan.FromSeconds(1)) <= 20)
            {
                Assert.False(edge.HasExited, "the edge exited before deciding cases a second after the stop");
                await Task.Delay(TimeSpan.FromMilliseconds(200), hang.Token);
            }
        }

        edge.Kill();
        var journal = await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal);
        var committedBefore = journal.Count(e => e.Record.DecidedAt < stop.At && e.Record.Decision.Disposition == Disposition.Committed);
        var late = journal.Where(e => e.Record.DecidedAt > stop.At + TimeSpan.FromSeconds(1)).ToList();
        Assert.True(committedBefore > 50, $"only {committedBefore} cases committed before the stop");
        Assert.True(late.Count > 20, $"only {late.Count} cases decided a second after the stop");
        Assert.All(late, e => Assert.NotEqual(Disposition.Committed, e.Record.Decision.Disposition));
        Assert.All(late, e => Assert.Contains("stopped by", string.Join(";", e.Record.Decision.Reasons) + e.Record.Exception?.Reason, StringComparison.Ordinal));
    }
}
