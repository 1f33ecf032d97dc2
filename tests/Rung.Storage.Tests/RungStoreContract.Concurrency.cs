using Rung.Core.Policy;
using Rung.Storage.Journal;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    [Fact]
    public async Task Concurrent_overlapping_appends_store_each_case_exactly_once()
    {
        await CreateAgentAsync();

        // Four writers, each sending cases 0..299 of its own range plus 100 cases shared with its neighbour.
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var results = new List<AppendResult>();
            for (var b = 0; b < 4; b++)
            {
                var batch = Enumerable.Range((w * 300) + (b * 100), 100).Select(i => Decision($"c{i % 1200}", T0.AddSeconds(i), Disposition.Committed)).ToList();
                results.AddRange(await Store.AppendDecisionsAsync(batch));
            }

            return results;
        })).ToList();
        var all = (await Task.WhenAll(writers)).SelectMany(r => r).ToList();

        Assert.Equal(1200, all.Count(r => r == AppendResult.Stored));
        Assert.Equal(400, all.Count(r => r == AppendResult.Duplicate));
        Assert.Equal(1200, await Store.CountDecisionsAsync(AgentId));
        Assert.Equal(1200, (await Store.GetUndeliveredActionsAsync(AgentId, 5000)).Count);
    }

    [Fact]
    public async Task AppendDecisionsAsync_with_a_cancelled_token_stores_nothing()
    {
        await CreateAgentAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AppendDecisionsAsync([Decision("c1", T0)], cancellation.Token));

        Assert.Equal(0, await Store.CountDecisionsAsync(AgentId));
    }
}
