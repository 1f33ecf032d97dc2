using Rung.Core.Ladder;
using Rung.Core.Policy;
using Rung.Edge.Hosting;
using Rung.Storage.Edge;
using Rung.Storage.Sqlite;

namespace Rung.Edge.Tests.Processes;

/// <summary>A running <c>rung edge run</c> follows a release and a promotion made on a running <c>rung serve</c>.</summary>
[Collection(EdgeProcessFixture.Collection)]
public sealed class EdgeLiveProcessTests
{
    private const string Agent = EdgeProcessFixture.AgentId;

    [Fact]
    public async Task RunningEdge_TakesAReleaseAndAPromotion_LaterCasesCarryTheNewModelAndStage_ForwardedAndReported()
    {
        await using var fixture = await EdgeProcessFixture.CreateAsync(stage: "ApproveEach");
        var v1 = await EdgeModelProcessTests.ReleaseAsync(fixture, EdgeProcessFixture.ModelScript);
        await fixture.StartServerAsync();
        using var edge = fixture.StartEdge("--input", fixture.WriteInput(3000), "--rate", "50", "--config-poll-ms", "200");
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.StartsWith("Edge line3-edge deciding", StringComparison.Ordinal) && l.Contains($"model {v1}", StringComparison.Ordinal));

        var v2 = await EdgeModelProcessTests.ReleaseAsync(fixture, EdgeProcessFixture.ModelScript.Replace("0.99", "0.97", StringComparison.Ordinal));
        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.Contains($"live: {Agent} decides with model {v2} (was {v1})", StringComparison.Ordinal));

        await using (var server = await SqliteRungStore.OpenAsync(fixture.ServerDatabase, TimeProvider.System))
        {
            await server.AppendStageChangeAsync(new StageChange(Agent, Stage.ApproveEach, Stage.AutoWithExceptions, StageChangeKind.Promotion, TimeProvider.System.GetUtcNow(), "line3.lead", "gate passed, signed", new Dictionary<string, string>()));
        }

        await EdgeProcessFixture.WaitForLineAsync(edge, l => l.Contains($"live: {Agent} decides on AutoWithExceptions (was ApproveEach)", StringComparison.Ordinal));
        var health = await WaitForServerAsync(fixture, async s => (await s.GetEdgeHealthAsync()).FirstOrDefault(h => h.ModelVersion == $"{Agent}={v2}@AutoWithExceptions")?.ModelVersion);
        var forwarded = await WaitForServerAsync(fixture, async s => (await s.ReadJournalAsync(0, int.MaxValue)).Where(e => e.Record.Stage == Stage.AutoWithExceptions).Take(3).ToList() is { Count: 3 } l ? l : null);
        edge.Kill();
        fixture.KillServer();

        var journal = await EdgeProcessFixture.ReadJournalAsync(fixture.EdgeJournal);
        AssertSwitchedOnce(journal, e => e.Record.Proposal.ModelVersion, v1, v2);
        AssertSwitchedOnce(journal, e => e.Record.Stage, Stage.ApproveEach, Stage.AutoWithExceptions);
        Assert.All(journal, e => Assert.Equal(e.Record.Stage == Stage.AutoWithExceptions ? Disposition.Committed : Disposition.PendingApproval, e.Record.Decision.Disposition));
        Assert.All(journal.Where(e => e.Record.Proposal.ModelVersion == v2), e => Assert.Equal(0.97, e.Record.Proposal.Confidence));
        var stageChange = (await ReadStageHistoryAsync(fixture.EdgeJournal))[^1];
        Assert.Equal((Stage.AutoWithExceptions, EdgeStageMirror.Actor), (stageChange.To, stageChange.Actor));

        Assert.All(forwarded, e => Assert.Equal((v2, Disposition.Committed), (e.Record.Proposal.ModelVersion, e.Record.Decision.Disposition)));
        var onEdge = journal.ToDictionary(e => e.Record.Case.CaseId);
        Assert.All(forwarded, e => Assert.Equal(onEdge[e.Record.Case.CaseId].Record.Proposal.ModelVersion, e.Record.Proposal.ModelVersion));
        Assert.Equal($"{Agent}={v2}@AutoWithExceptions", health);
    }

    // In journal order the value is `before` up to one case and `after` from then on, each at least once.
    private static void AssertSwitchedOnce<T>(IReadOnlyList<JournalEntry> journal, Func<JournalEntry, T> value, T before, T after)
    {
        var values = journal.Select(value).ToList();
        var first = values.IndexOf(after);
        Assert.True(first > 0, $"expected {before} then {after}; got {string.Join(",", values.Distinct())}");
        Assert.All(values.Take(first), v => Assert.Equal(before, v));
        Assert.All(values.Skip(first), v => Assert.Equal(after, v));
    }

    private static async Task<IReadOnlyList<StageChange>> ReadStageHistoryAsync(string database)
    {
        await using var store = await SqliteRungStore.OpenAsync(database, TimeProvider.System);
        return await store.GetStageHistoryAsync(Agent);
    }

    /// <summary>Reads the server's store until <paramref name="probe"/> finds something (a minute at most).</summary>
    private static async Task<T> WaitForServerAsync<T>(EdgeProcessFixture fixture, Func<SqliteRungStore, Task<T?>> probe)
        where T : class
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            await using (var store = await SqliteRungStore.OpenAsync(fixture.ServerDatabase, TimeProvider.System))
            {
                if (await probe(store) is { } found)
                {
                    return found;
                }
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("the server's store did not show it within a minute");
    }
}
