using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Rung.Cli.Tests;
using Rung.Edge.Alarms;
using Rung.Edge.Models;
using Rung.Edge.Protocol;
using Rung.Edge.Tests.Models;
using Rung.Registry;
using Rung.Registry.Signing;
using Rung.Storage.Edge;
using Rung.Storage.Registry;
using Rung.Storage.Sqlite;

namespace Rung.Edge.Tests.Processes;

/// <summary>Signed models between a real <c>rung serve</c> and <c>rung edge run</c>: fetched, verified, cached, refused when damaged.</summary>
public sealed class EdgeModelProcessTests
{
    private const string Agent = EdgeProcessFixture.AgentId;

    [Fact]
    public async Task SignedChampion_FetchedAndCached_CorruptedCacheRefused_LastKnownGoodDecides_AlarmReachesTheServer()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync();
        var v1 = await ReleaseAsync(fixture, EdgeProcessFixture.ModelScript);
        await fixture.StartServerAsync();

        var first = await RunToEndAsync(fixture, Input(fixture, "a", 3));
        Assert.Contains(first, l => l.Contains($"signed model {Agent}/{v1}: fetched and verified", StringComparison.Ordinal));
        Assert.Contains(first, l => l.Contains("pinned at first contact", StringComparison.Ordinal));
        Assert.True(File.Exists(EdgeTrustKey.PinnedPath(fixture.EdgeData)));

        var v2 = await ReleaseAsync(fixture, EdgeProcessFixture.ModelScript.Replace("0.99", "0.97", StringComparison.Ordinal));
        var second = await RunToEndAsync(fixture, Input(fixture, "b", 3));
        Assert.Contains(second, l => l.Contains($"signed model {Agent}/{v2}: fetched and verified", StringComparison.Ordinal));

        EdgeModelCacheTests.Damage(Path.Combine(fixture.EdgeData, "models", Agent, v2, "model.py"), "flip");
        fixture.KillServer();
        using (var edge = fixture.StartEdge("--input", Input(fixture, "c", 3)))
        {
            var alarm = await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("ALARM " + EdgeAlarmRules.ModelIntegrity, StringComparison.Ordinal));
            Assert.Contains($"{v2} refused: model.py: changed", alarm, StringComparison.Ordinal);
            await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("input done", StringComparison.Ordinal));

            // The server comes back: the alarm waited in the edge's outbox and lands in the agent's alarm book there.
            await fixture.StartServerAsync();
            var book = await WaitForServerAlarmAsync(fixture);
            Assert.Contains(EdgeAlarmRules.ModelIntegrity, book, StringComparison.Ordinal);
            Assert.Contains("model.py", book, StringComparison.Ordinal);
            edge.Kill();
        }

        fixture.KillServer();
        var journal = await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal);
        Assert.All(journal.Where(e => e.Record.Case.CaseId.StartsWith("a-", StringComparison.Ordinal)), e => Assert.Equal(v1, e.Record.Proposal.ModelVersion));
        Assert.All(journal.Where(e => e.Record.Case.CaseId.StartsWith("b-", StringComparison.Ordinal)), e => Assert.Equal(v2, e.Record.Proposal.ModelVersion));
        var third = journal.Where(e => e.Record.Case.CaseId.StartsWith("c-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, third.Count);
        Assert.All(third, e => Assert.Equal(v1, e.Record.Proposal.ModelVersion));

        await using (var server = await SqliteRungStore.OpenAsync(fixture.ServerDatabase, TimeProvider.System))
        {
            var alarm = Assert.Single(await server.GetAlarmsAsync(Agent, activeOnly: true, 100), a => a.Rule == EdgeAlarmRules.ModelIntegrity);
            Assert.Equal("model.py", alarm.Evidence["file"]);
            Assert.Equal("line3-edge", alarm.Evidence["edge"]);
            Assert.Equal("line3.lead", alarm.Owner);
        }

        var (code, stdout, stderr) = await RungProcess.RunAsync("alarms", "--data", fixture.ServerData, "--agent", Agent);
        Assert.True(code == 0, stderr);
        Assert.Contains("edge.model", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenOfAnotherLine_CannotFetchTheModelOrForwardItsAlarms()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync();
        var v1 = await ReleaseAsync(fixture, EdgeProcessFixture.ModelScript);
        await fixture.StartServerAsync();
        using var line3 = new EdgeHttpServer(new Uri(fixture.ServerUrl), fixture.Line3Token);
        using var line4 = new EdgeHttpServer(new Uri(fixture.ServerUrl), fixture.Line4Token);

        var offer = Assert.Single((await line3.GetModelsAsync()).Models);
        Assert.Equal(v1, offer.Version);
        Assert.Contains(offer.Files, f => f.Path == ModelManifest.SignatureFileName);
        using (var copy = new MemoryStream())
        {
            await line3.DownloadModelFileAsync(Agent, v1, "model.py", copy);
            Assert.Equal(offer.Files.Single(f => f.Path == "model.py").Sha256, ManifestHash.Of(copy.ToArray()));
        }

        Assert.Empty((await line4.GetModelsAsync()).Models);
        var refused = await Assert.ThrowsAsync<EdgeServerException>(() => line4.DownloadModelFileAsync(Agent, v1, "model.py", Stream.Null));
        Assert.Equal(404, refused.Status);
        var outside = await Assert.ThrowsAsync<EdgeServerException>(() => line3.DownloadModelFileAsync(Agent, v1, "../../rung.db", Stream.Null));
        Assert.Equal(404, outside.Status);

        var forged = new EdgeAlarmRecord("forged-1", Agent, EdgeAlarmRules.ModelIntegrity, "v1/model.py", Core.Alarms.AlarmSeverity.Critical, "forged", new Dictionary<string, string>(), DateTimeOffset.UnixEpoch.AddYears(56));
        var alarmRefused = await Assert.ThrowsAsync<EdgeServerException>(() => line4.SendAlarmsAsync("line4-edge", [forged]));
        Assert.Equal(404, alarmRefused.Status);
        fixture.KillServer();
        await using var server = await SqliteRungStore.OpenAsync(fixture.ServerDatabase, TimeProvider.System);
        Assert.Empty(await server.GetAlarmsAsync(Agent, activeOnly: false, 100));
    }

    /// <summary>Registers, signs and makes champion a process model in the server's registry; returns its version.</summary>
    internal static async Task<string> ReleaseAsync(EdgeProcessFixture fixture, string script)
    {
        var source = Path.Combine(fixture.ServerData, $"source-{Guid.NewGuid():N}");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "model.py"), script);
        await using var store = await SqliteRungStore.OpenAsync(fixture.ServerDatabase, TimeProvider.System);
        using var key = SigningKey.LoadOrCreate(Path.Combine(fixture.ServerData, "keys"));
        var registry = new ModelRegistry(store, fixture.ServerData, key, TimeProvider.System);
        var model = await registry.RegisterAsync(new ModelRegistration(Agent, new ModelConfiguration(ModelArtifactKind.ProcessBundle, "python3", ["model.py"], 10_000), [Path.Combine(source, "model.py")], ModelLineage.Unknown, null, "ml.engineer"));
        await registry.SignAsync(Agent, model.Version, "ml.engineer");
        await store.SetModelAliasAsync(Agent, ModelAliases.Champion, model.Version, new ModelEvent(Agent, model.Version, "alias.champion", "ml.engineer", TimeProvider.System.GetUtcNow(), "{}"));
        return model.Version;
    }

    private static string Input(EdgeProcessFixture fixture, string prefix, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$$"""{"caseId":"{{{prefix}}}-{{{i}}}","occurredAt":"2026-03-02T07:00:00Z","features":{"answer":1}}""").Append('\n');
        }

        var path = Path.Combine(fixture.ServerData, $"{prefix}.jsonl");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static async Task<IReadOnlyList<string>> RunToEndAsync(EdgeProcessFixture fixture, string input)
    {
        using var edge = fixture.StartEdge("--input", input, "--exit-when-done");
        var code = await EdgeProcessFixture.WaitForExitAsync(edge);
        var lines = edge.StdoutLines.ToList();
        Assert.True(code == 0, string.Join('\n', lines) + string.Join('\n', edge.StderrLines));
        return lines;
    }

    /// <summary>The agent's active alarms as the server's API lists them, once an edge alarm is among them (a minute at most).</summary>
    private static async Task<string> WaitForServerAlarmAsync(EdgeProcessFixture fixture)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.ServerUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Line3Token);
        var deadline = TimeProvider.System.GetTimestamp();
        var body = string.Empty;
        while (TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(60))
        {
            body = await http.GetStringAsync($"api/v1/alarms?agentId={Agent}");
            if (body.Contains("edge.model", StringComparison.Ordinal))
            {
                return body;
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("no edge alarm on the server within a minute: " + body);
    }
}
