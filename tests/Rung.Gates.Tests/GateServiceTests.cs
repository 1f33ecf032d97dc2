using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Gates.Approval;
using Rung.Storage;
using Rung.Storage.Gates;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;
using Rung.Testing;
using static Rung.Gates.Tests.Fixture;

namespace Rung.Gates.Tests;

/// <summary>The gate on a real SQLite journal: promotion needs the passed gate and the owner's approval; a failed criterion demotes and says why.</summary>
public sealed class GateServiceTests
{
    private static readonly DateTimeOffset Start = Now - TimeSpan.FromDays(28);

    [Fact]
    public async Task Promote_PassedGateAndOwnersApproval_RecordsDecisionSnapshotAndStageChange()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider();
        clock.SetUtcNow(Start);
        await using var store = await SqliteRungStore.OpenAsync(dir.File("rung.db"), clock);
        await SeedAsync(store, Stage.AutoWithExceptions, highSeverityCase: null);
        clock.SetUtcNow(Now);
        var service = new GateService(store, store, clock);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.PromoteAsync(UseCase(), new RecordedPromotionApproval("line.lead", clock), "intruder"));
        Assert.Equal(Stage.AutoWithExceptions, (await store.GetAgentAsync("agent-1"))!.Stage);

        var (report, change) = await service.PromoteAsync(UseCase(), new RecordedPromotionApproval("line.lead", clock), "line.lead");
        Assert.True(report.Passed, report.Headline);
        Assert.Equal(Stage.ProductionOwned, change.To);
        Assert.Equal(Stage.ProductionOwned, (await store.GetAgentAsync("agent-1"))!.Stage);
        var decision = Assert.Single(await store.GetGateDecisionsAsync("agent-1"));
        Assert.Equal("line.lead", decision.ApprovedBy);
        Assert.Equal(Now, decision.ApprovedAt);
        Assert.Equal(RecordedPromotionApproval.Method, decision.ApprovalMethod);
        Assert.Equal(Reports.GateReportJson.Sha256(decision.SnapshotJson), decision.SnapshotSha256);
        Assert.Contains("\"production.accuracy\"", decision.SnapshotJson, StringComparison.Ordinal);
        Assert.Equal(decision.SnapshotSha256, (await store.GetStageHistoryAsync("agent-1"))[^1].Evidence["evidence_sha256"]);
    }

    [Fact]
    public async Task Promote_FailedGate_IsRefusedNamingTheCriterion()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider();
        clock.SetUtcNow(Start);
        await using var store = await SqliteRungStore.OpenAsync(dir.File("rung.db"), clock);
        await SeedAsync(store, Stage.AutoWithExceptions, highSeverityCase: null, restart: false);
        clock.SetUtcNow(Now);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new GateService(store, store, clock).PromoteAsync(UseCase(), new RecordedPromotionApproval("line.lead", clock), "line.lead"));
        Assert.Contains("Integration writes and connector restart", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.GetGateDecisionsAsync("agent-1"));
    }

    [Fact]
    public async Task DemoteOnFailure_HighSeverityWrongCommit_ReturnsToApproveEachAndRecordsWhy()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider();
        clock.SetUtcNow(Start);
        await using var store = await SqliteRungStore.OpenAsync(dir.File("rung.db"), clock);
        await SeedAsync(store, Stage.ProductionOwned, highSeverityCase: 40);
        clock.SetUtcNow(Now);

        var (report, change) = await new GateService(store, store, clock).DemoteOnFailureAsync(UseCase());
        Assert.NotNull(change);
        Assert.Equal(Stage.ApproveEach, change.To);
        Assert.Equal(StageChangeKind.Demotion, change.Kind);
        Assert.Equal("gate", change.Actor);
        Assert.Contains("Every wrong committed action caught and recoverable", change.Reason, StringComparison.Ordinal);
        Assert.Contains("1 high-severity", change.Evidence["criterion.production.failure_mode"], StringComparison.Ordinal);
        Assert.Equal(Stage.ApproveEach, (await store.GetAgentAsync("agent-1"))!.Stage);
        var stored = (await store.GetStageHistoryAsync("agent-1"))[^1];
        Assert.Equal(change.Reason, stored.Reason);
        var decision = Assert.Single(await store.GetGateDecisionsAsync("agent-1"));
        Assert.False(decision.Passed);
        Assert.Equal(Stage.ApproveEach, decision.To);
        Assert.Equal(Stage.ApproveEach, report.ReturnTo);
    }

    [Fact]
    public async Task DemoteOnFailure_AllHold_ChangesNothing()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider();
        clock.SetUtcNow(Start);
        await using var store = await SqliteRungStore.OpenAsync(dir.File("rung.db"), clock);
        await SeedAsync(store, Stage.ProductionOwned, highSeverityCase: null);
        clock.SetUtcNow(Now);
        var (report, change) = await new GateService(store, store, clock).DemoteOnFailureAsync(UseCase());
        Assert.True(report.Passed, report.Headline);
        Assert.Null(change);
        Assert.Empty(await store.GetGateDecisionsAsync("agent-1"));
    }

    // 28 days on automatic stages, 12 committed and delivered cases a day, all labelled correct within an hour
    // except the optional high-severity one; the owner acknowledged 7 summaries; one clean connector restart.
    internal static async Task SeedAsync(SqliteRungStore store, Stage stage, int? highSeverityCase, bool restart = true)
    {
        var agent = new AgentRecord("agent-1", "uc", "acme/site/area/line", Stage.AutoWithExceptions, Start, "{}");
        await store.EnsureAgentAsync(agent, new StageChange("agent-1", Stage.AutoWithExceptions, Stage.AutoWithExceptions, StageChangeKind.Initial, Start, "system", "created", new Dictionary<string, string>()));
        var decisions = new List<DecisionRecord>();
        var outcomes = new List<StoredOutcome>();
        for (var i = 0; i < 28 * 12; i++)
        {
            var at = Start + TimeSpan.FromHours(2 * i) + TimeSpan.FromMinutes(1);
            var wrong = i == highSeverityCase;
            var proposal = new Proposal(new ProposedAction("accept"), 0.97, false, Severity.Medium, [], "v1", TimeSpan.FromMilliseconds(2));
            decisions.Add(new DecisionRecord(new Case($"c{i}", "agent-1", at, new FeatureVector(new Dictionary<string, double> { ["x"] = 0.5 })), proposal, Stage.AutoWithExceptions, new PolicyDecision(Disposition.Committed, [], null), at, null));
            var label = wrong ? "scrap" : "accept";
            outcomes.Add(new StoredOutcome(new Outcome($"c{i}", OutcomeSource.QualityResult, label, at.AddHours(1), "qc"), new Judgement($"c{i}", !wrong, wrong ? Severity.High : null, "accept", label, at.AddHours(1))));
        }

        await store.AppendDecisionsAsync(decisions);
        await store.AppendOutcomesAsync(outcomes);
        await store.MarkActionsDeliveredAsync([.. decisions.Select(d => d.Case.CaseId)], Start.AddDays(27));
        for (var d = 0; d < 7; d++)
        {
            var day = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-d);
            await store.AppendDailySummaryAsync(new DailySummary("agent-1", day, Now.AddDays(-d), "line.lead", "summary"));
            await store.AcknowledgeDailySummaryAsync("agent-1", day, "line.lead", Now.AddDays(-d).AddHours(1));
        }

        if (restart)
        {
            await store.AppendConnectorCheckAsync(new ConnectorCheck("agent-1", Now.AddDays(-2), "restart", 336, 336, 0, 0, "connector process restarted"));
        }

        if (stage == Stage.ProductionOwned)
        {
            await store.AppendStageChangeAsync(new StageChange("agent-1", Stage.AutoWithExceptions, Stage.ProductionOwned, StageChangeKind.Promotion, Now.AddDays(-1), "line.lead", "promoted", new Dictionary<string, string>()));
        }
    }
}
