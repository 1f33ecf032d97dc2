using Rung.Core.Cases;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Storage.Journal;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class RungStoreContract
{
    [Fact]
    public async Task AppendDecisionsAsync_stores_a_batch_and_reports_repeats_within_and_across_batches_as_duplicates()
    {
        await CreateAgentAsync();
        var first = Decision("c1", T0.AddMinutes(1));
        var repeatInBatch = Decision("c1", T0.AddMinutes(9), confidence: 0.5);

        var results = await Store.AppendDecisionsAsync([first, Decision("c2", T0.AddMinutes(2)), repeatInBatch]);
        var again = await Store.AppendDecisionsAsync([Decision("c2", T0.AddMinutes(3), confidence: 0.1), Decision("c3", T0.AddMinutes(3))]);

        Assert.Equal([AppendResult.Stored, AppendResult.Stored, AppendResult.Duplicate], results);
        Assert.Equal([AppendResult.Duplicate, AppendResult.Stored], again);
        Assert.Equal(3, await Store.CountDecisionsAsync(AgentId));
        var stored = await Store.GetDecisionAsync("c1");
        Assert.NotNull(stored);
        Assert.Equal(0.97, stored.Proposal.Confidence);
        Assert.Equal(T0.AddMinutes(1), stored.Case.OccurredAt);
        Assert.Equal(0.97, (await Store.GetDecisionAsync("c2"))!.Proposal.Confidence);
    }

    [Fact]
    public async Task AppendDecisionsAsync_then_GetDecisionAsync_returns_every_field()
    {
        await CreateAgentAsync();
        var features = new FeatureVector(
            new Dictionary<string, double> { ["torque"] = 12.345678901234, ["temp"] = double.NaN, ["angle"] = double.PositiveInfinity },
            [new QualityFlag("temp", "NaN"), new QualityFlag("angle", "above 360 deg"), new QualityFlag("ambient", "above 60 degC", Blocking: false)]);
        var record = new DecisionRecord(
            new Case("c-full", AgentId, T0.AddTicks(1234567), features),
            new Proposal(
                new ProposedAction("feed_override", "plc/line3/feed", double.NaN),
                0.875,
                true,
                Severity.High,
                [new FeatureContribution("torque", -0.25), new FeatureContribution("temp", 0.125)],
                "v2.1.0+sha.abc",
                TimeSpan.FromTicks(15_432)),
            Core.Ladder.Stage.AutoWithExceptions,
            new PolicyDecision(Disposition.Blocked, ["Value outside range.", "Out of distribution."], "range:feed_override"),
            T0.AddSeconds(1),
            null);

        await Store.AppendDecisionsAsync([record]);
        var stored = await Store.GetDecisionAsync("c-full");

        Assert.NotNull(stored);
        Assert.Equal(record.Case.CaseId, stored.Case.CaseId);
        Assert.Equal(record.Case.AgentId, stored.Case.AgentId);
        Assert.Equal(record.Case.OccurredAt, stored.Case.OccurredAt);
        Assert.Equal(features.Values.OrderBy(p => p.Key), stored.Case.Features.Values.OrderBy(p => p.Key));
        Assert.Equal(features.Flags, stored.Case.Features.Flags);
        Assert.Equal("feed_override", stored.Proposal.Action.Name);
        Assert.Equal("plc/line3/feed", stored.Proposal.Action.Target);
        Assert.True(double.IsNaN(stored.Proposal.Action.Value!.Value));
        Assert.Equal(0.875, stored.Proposal.Confidence);
        Assert.True(stored.Proposal.OutOfDistribution);
        Assert.Equal(Severity.High, stored.Proposal.Severity);
        Assert.Equal(record.Proposal.Explanation, stored.Proposal.Explanation);
        Assert.Equal("v2.1.0+sha.abc", stored.Proposal.ModelVersion);
        Assert.Equal(record.Proposal.Latency, stored.Proposal.Latency);
        Assert.Equal(Core.Ladder.Stage.AutoWithExceptions, stored.Stage);
        Assert.Equal(Disposition.Blocked, stored.Decision.Disposition);
        Assert.Equal(record.Decision.Reasons, stored.Decision.Reasons);
        Assert.Equal("range:feed_override", stored.Decision.BlockedBy);
        Assert.Equal(record.DecidedAt, stored.DecidedAt);
        Assert.Null(stored.Exception);
        Assert.Null(await Store.GetDecisionAsync("nothing"));
    }

    [Fact]
    public async Task AppendDecisionsAsync_with_an_unknown_agent_stores_nothing_of_the_batch()
    {
        await CreateAgentAsync();
        var batch = new[]
        {
            Decision("c1", T0.AddMinutes(1), Disposition.Committed),
            Decision("c2", T0.AddMinutes(2), Disposition.Excepted),
            Decision("c3", T0.AddMinutes(3), agentId: "ghost-agent"),
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendDecisionsAsync(batch));

        Assert.Contains("ghost-agent", error.Message, StringComparison.Ordinal);
        Assert.Contains("c3", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Store.CountDecisionsAsync(AgentId));
        Assert.Null(await Store.GetDecisionAsync("c1"));
        Assert.Empty(await Store.GetOpenExceptionsAsync(AgentId, 10));
        Assert.Empty(await Store.GetUndeliveredActionsAsync(AgentId, 10));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task AppendDecisionsAsync_with_a_non_finite_confidence_names_the_case_and_stores_nothing(double confidence)
    {
        await CreateAgentAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Store.AppendDecisionsAsync([Decision("ok-1", T0), Decision("bad-7", T0, confidence: confidence)]));

        Assert.Contains("bad-7", error.Message, StringComparison.Ordinal);
        Assert.Contains("confidence", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Store.CountDecisionsAsync(AgentId));
    }

    [Fact]
    public async Task AppendDecisionsAsync_with_an_empty_case_id_is_refused_whole()
    {
        await CreateAgentAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendDecisionsAsync([Decision("ok-1", T0), Decision(" ", T0)]));

        Assert.Contains("entry 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty case id", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Store.CountDecisionsAsync(AgentId));
    }

    [Fact]
    public async Task AppendDecisionsAsync_with_an_excepted_case_without_its_item_is_refused()
    {
        await CreateAgentAsync();
        var bad = Decision("c-x", T0, Disposition.Excepted) with { Exception = null };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendDecisionsAsync([bad]));

        Assert.Contains("c-x", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Store.CountDecisionsAsync(AgentId));
    }

    [Fact]
    public async Task Reopening_after_dispose_finds_everything_exactly_once()
    {
        await CreateAgentAsync();
        var batch = Enumerable.Range(0, 250).Select(i => Decision($"c{i}", T0.AddSeconds(i), (Disposition)(i % 5))).ToList();
        await Store.AppendDecisionsAsync(batch);

        await ReopenAsync();

        Assert.Equal(250, await Store.CountDecisionsAsync(AgentId));
        Assert.Single(await Store.GetAgentsAsync());
        Assert.Equal(50, (await Store.GetOpenExceptionsAsync(AgentId, 1000)).Count);
        Assert.Equal(50, (await Store.GetPendingApprovalsAsync(AgentId, 1000)).Count);
        Assert.Equal(50, (await Store.GetUndeliveredActionsAsync(AgentId, 1000)).Count);
        var again = await Store.AppendDecisionsAsync(batch);
        Assert.All(again, r => Assert.Equal(AppendResult.Duplicate, r));
        Assert.Equal(250, await Store.CountDecisionsAsync(AgentId));
        Assert.Equal("c249", (await Store.GetLatestDecisionAsync(AgentId))!.Case.CaseId);
    }

    [Fact]
    public async Task GetLatestDecisionAsync_returns_the_latest_source_time_not_the_latest_append()
    {
        await CreateAgentAsync();
        Assert.Null(await Store.GetLatestDecisionAsync(AgentId));

        await Store.AppendDecisionsAsync([Decision("late", T0.AddHours(2)), Decision("early", T0.AddHours(1))]);
        await Store.AppendDecisionsAsync([Decision("earliest", T0)]);

        Assert.Equal("late", (await Store.GetLatestDecisionAsync(AgentId))!.Case.CaseId);
    }

    [Fact]
    public async Task Large_batches_are_all_stored()
    {
        await CreateAgentAsync();
        for (var b = 0; b < 10; b++)
        {
            var batch = Enumerable.Range(0, 1000).Select(i => Decision($"b{b}-{i}", T0.AddMilliseconds((b * 1000) + i), Disposition.Committed)).ToList();
            var results = await Store.AppendDecisionsAsync(batch);
            Assert.All(results, r => Assert.Equal(AppendResult.Stored, r));
        }

        Assert.Equal(10_000, await Store.CountDecisionsAsync(AgentId));
        Assert.Equal(10_000, (await Store.GetCommitTimesAsync(AgentId, "scrap", T0)).Count);
    }
}
