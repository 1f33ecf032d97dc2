using Rung.Core.Ladder;
using Rung.Governance.Audit;
using Rung.Storage.Audit;
using Rung.Storage.Journal;

namespace Rung.Governance.Tests;

/// <summary>P11-05, A11-09: store writes of regulated records are audited in the same transaction.</summary>
public sealed class RegulatedWriteAuditTests
{
    [Fact]
    public async Task StageChange_IsAuditedWithActorReasonOldAndNewStage()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await CreateAgentAsync(f);
        f.Time.Advance(TimeSpan.FromDays(1));
        await f.Store.AppendStageChangeAsync(new StageChange(
            "a1", Stage.Shadow, Stage.ApproveEach, StageChangeKind.Promotion, f.Time.GetUtcNow(), "quinn", "gate passed",
            new Dictionary<string, string> { ["accuracy"] = "0.95" }));

        var entries = await f.Store.GetAuditEntriesAsync(new AuditQuery(RecordType: AuditRecordTypes.Stage, RecordId: "a1"));
        var entry = Assert.Single(entries);
        Assert.Equal(("quinn", "promotion", "gate passed"), (entry.Actor, entry.Action, entry.Reason));
        Assert.Equal("{\"stage\":\"Shadow\"}", entry.OldValue);
        Assert.Contains("\"stage\":\"ApproveEach\"", entry.NewValue, StringComparison.Ordinal);
        Assert.Contains("\"accuracy\":\"0.95\"", entry.NewValue, StringComparison.Ordinal);
        Assert.Equal(f.Time.GetUtcNow(), entry.At);
        Assert.True((await f.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task StageChange_Refused_LeavesNoAuditEntry()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await CreateAgentAsync(f);
        var before = (await f.Store.GetAuditHeadAsync())!.Sequence;
        await Assert.ThrowsAsync<InvalidOperationException>(() => f.Store.AppendStageChangeAsync(new StageChange(
            "a1", Stage.ApproveEach, Stage.AutoWithExceptions, StageChangeKind.Promotion, f.Time.GetUtcNow(), "quinn", "stale", new Dictionary<string, string>())));
        Assert.Equal(before, (await f.Store.GetAuditHeadAsync())!.Sequence);
    }

    [Fact]
    public async Task StageChange_WithoutReason_IsRefusedAndNothingStored()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await CreateAgentAsync(f);
        await Assert.ThrowsAsync<ArgumentException>(() => f.Store.AppendStageChangeAsync(new StageChange(
            "a1", Stage.Shadow, Stage.Paused, StageChangeKind.Manual, f.Time.GetUtcNow(), "owner", " ", new Dictionary<string, string>())));
        Assert.Equal(Stage.Shadow, (await f.Store.GetAgentAsync("a1"))!.Stage);
    }

    [Fact]
    public async Task Archive_BeyondRetention_KeepsChainVerifiable_AndNeverTouchesRetainedEntries()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await f.Store.AppendAuditAsync(new AuditDraft("alice", "use_case", "uc", "create", null, "{}", null));
        }

        await f.Checkpointer.CheckpointAsync();
        f.Time.Advance(TimeSpan.FromDays(200));
        for (var i = 0; i < 3; i++)
        {
            await f.Store.AppendAuditAsync(new AuditDraft("alice", "use_case", "uc", "create", null, "{}", null));
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => f.Store.ArchiveAuditAsync(7, f.Time.GetUtcNow() - TimeSpan.FromDays(183), "x", "x.jsonl", "admin"));
        Assert.Contains("inside the retention period", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new AuditArchiver(f.Store, TimeSpan.FromDays(30), f.Folder.File("archive"), f.Time).ArchiveAsync("admin"));

        var anchor = await new AuditArchiver(f.Store, TimeSpan.FromDays(183), f.Folder.File("archive"), f.Time).ArchiveAsync("admin");
        Assert.NotNull(anchor);
        Assert.Equal(5, anchor.ThroughSequence);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(f.Folder.File("archive"), anchor.ArchiveName)).Length);
        var remaining = await f.Store.GetAuditEntriesAsync(AuditQuery.All);
        Assert.Equal([6L, 7, 8, 9], remaining.Select(e => e.Sequence));
        Assert.Equal("archive", remaining[^1].Action);
        var result = await f.VerifyAsync();
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(6, result.FirstSequence);
    }

    private static Task<AgentRecord> CreateAgentAsync(GovernanceFixture f) => f.Store.EnsureAgentAsync(
        new AgentRecord("a1", "uc-1", "acme/dortmund/machining/line3", Stage.Shadow, f.Time.GetUtcNow(), "{}"),
        new StageChange("a1", Stage.Shadow, Stage.Shadow, StageChangeKind.Initial, f.Time.GetUtcNow(), "owner", "created", new Dictionary<string, string>()));
}
