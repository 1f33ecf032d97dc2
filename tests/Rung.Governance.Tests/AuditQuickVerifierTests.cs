using Microsoft.Data.Sqlite;
using Rung.Governance.Audit;
using Rung.Storage.Audit;

namespace Rung.Governance.Tests;

/// <summary>The quick check walks only the entries after a verified prefix; what it covers and what it leaves to the full check.</summary>
public sealed class AuditQuickVerifierTests
{
    private const int Signed = 8;
    private const int Newer = 3;

    [Fact]
    public async Task Quick_IntactTrail_WalksOnlyTheEntriesAfterTheSignedCheckpoint()
    {
        await using var f = await SeededAsync();
        var result = await QuickAsync(f);
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(Signed, result.Prefix?.Sequence);
        Assert.Equal(Newer, result.EntriesChecked);
        Assert.Equal(Signed + Newer, result.HeadSequence);
        Assert.Equal((await f.Store.GetAuditHeadAsync())!.Hash, result.HeadHash);
        Assert.Contains($"verified after entry {Signed}", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quick_KnownPrefixNewerThanTheCheckpoint_StartsThere()
    {
        await using var f = await SeededAsync();
        var tenth = (await f.Store.GetAuditEntriesAsync(new AuditQuery { FromSequence = 10 }))[0];
        var result = await QuickAsync(f, new AuditVerifiedPrefix(10, tenth.Hash, "earlier"));
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(10, result.Prefix?.Sequence);
        Assert.Equal(1, result.EntriesChecked);
    }

    [Fact]
    public async Task Quick_EntryChangedAfterThePrefix_IsFound()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET reason = 'nothing to see' WHERE seq = 10;");
        var result = await QuickAsync(f);
        Assert.False(result.IsValid, "the tampering after the prefix was not detected");
        Assert.Equal(AuditProblemKind.Changed, result.Problems[0].Kind);
        Assert.Equal(10, result.Problems[0].Sequence);
    }

    [Fact]
    public async Task Quick_EntryChangedBeforeThePrefix_IsNotWalked_TheFullVerificationFindsIt()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET reason = 'nothing to see' WHERE seq = 4;");

        // The documented limit of the quick check: the prefix is not walked again.
        Assert.True((await QuickAsync(f)).IsValid);
        var full = await f.VerifyAsync();
        Assert.False(full.IsValid);
        Assert.Equal(AuditProblemKind.Changed, full.Problems[0].Kind);
        Assert.Equal(4, full.Problems[0].Sequence);
    }

    [Fact]
    public async Task Quick_PrefixEntryChanged_FallsBackToTheFullWalk()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, $"DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET actor = 'mallory' WHERE seq = {Signed};");
        var result = await QuickAsync(f);
        Assert.False(result.IsValid);
        Assert.Null(result.Prefix);
        Assert.Equal(Signed, result.Problems[0].Sequence);
    }

    [Fact]
    public async Task Quick_NewestEntriesDeletedBelowTheCheckpoint_NamesTheMissingEntries()
    {
        await using var f = await SeededAsync();
        Assert.NotNull(await f.Checkpointer.CheckpointAsync());
        await AttackAsync(f, $"DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE seq > {Signed + 1};");
        var result = await QuickAsync(f);
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Kind == AuditProblemKind.Missing && p.Sequence == Signed + 2);
    }

    [Fact]
    public async Task Quick_NoCheckpointAndNoPrefix_WalksTheWholeChain()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await AppendAsync(f, 1, 5);
        var result = await QuickAsync(f);
        Assert.True(result.IsValid, result.Summary);
        Assert.Null(result.Prefix);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Fact]
    public async Task Checkpoint_EntryChangedSinceTheLastCheckpoint_IsRefusedAndNothingIsSigned()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET reason = 'nothing to see' WHERE seq = 10;");
        var checkpointsBefore = await f.Store.GetAuditCheckpointsAsync();
        var fileBefore = await File.ReadAllTextAsync(f.CheckpointPath);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => f.Checkpointer.CheckpointAsync());

        Assert.Contains("not checkpointed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("entry 10", refused.Message, StringComparison.Ordinal);
        Assert.Equal(checkpointsBefore.Count, (await f.Store.GetAuditCheckpointsAsync()).Count);
        Assert.Equal(fileBefore, await File.ReadAllTextAsync(f.CheckpointPath));
    }

    [Fact]
    public async Task Checkpoint_IntactTail_SignsTheVerifiedHead()
    {
        await using var f = await SeededAsync();
        var checkpoint = await f.Checkpointer.CheckpointAsync();
        Assert.NotNull(checkpoint);
        Assert.Equal(Signed + Newer, checkpoint.Sequence);
        Assert.Equal((await f.Store.GetAuditHeadAsync())!.Hash, checkpoint.Hash);
        Assert.Null(await f.Checkpointer.CheckpointAsync());
    }

    private static Task<AuditVerification> QuickAsync(GovernanceFixture f, AuditVerifiedPrefix? known = null) =>
        AuditQuickVerifier.VerifyAsync(f.Store, f.Key, f.CheckpointPath, known);

    private static async Task<GovernanceFixture> SeededAsync()
    {
        var f = await GovernanceFixture.CreateAsync();
        await AppendAsync(f, 1, Signed);
        Assert.NotNull(await f.Checkpointer.CheckpointAsync());
        await AppendAsync(f, Signed + 1, Signed + Newer);
        return f;
    }

    private static async Task AppendAsync(GovernanceFixture f, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            f.Time.Advance(TimeSpan.FromMinutes(1));
            await f.Store.AppendAuditAsync(new AuditDraft("alice", "use_case", "uc-" + i, i == 1 ? "create" : "change", i == 1 ? null : "{\"v\":0}", "{\"v\":" + i + "}", i == 1 ? null : "tuning"));
        }
    }

    private static async Task AttackAsync(GovernanceFixture f, string sql)
    {
        await f.Store.DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={f.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        await f.ReopenAsync();
    }
}
