using Microsoft.Data.Sqlite;
using Rung.Governance.Audit;
using Rung.Storage.Audit;

namespace Rung.Governance.Tests;

/// <summary>P11-01, TL-09, TL-R01/R02: an attacker with the database file, who drops the triggers, is still detected and named.</summary>
public sealed class AuditTamperTests
{
    private const int Entries = 8;

    [Fact]
    public async Task Verify_IntactTrail_IsValid()
    {
        await using var f = await SeededAsync();
        var result = await f.VerifyAsync();
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(Entries, result.HeadSequence);
        Assert.Equal(1, result.CheckpointsChecked);
    }

    [Fact]
    public async Task Verify_FieldChanged_NamesTheChangedEntry()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET reason = 'nothing to see' WHERE seq = 4;");
        var problem = await FirstProblemAsync(f);
        Assert.Equal(AuditProblemKind.Changed, problem.Kind);
        Assert.Equal(4, problem.Sequence);
        Assert.Contains("Entry 4", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowInserted_NamesTheInsertedEntry()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, """
            INSERT INTO audit_entries (seq, at, actor, record_type, record_id, action, old_value, new_value, reason, prev_hash, hash)
            SELECT 5, at, 'mallory', 'user', 'mallory', 'create', NULL, '{}', NULL, prev_hash, hash FROM audit_entries WHERE seq = 5;
            """);
        var problem = await FirstProblemAsync(f);
        Assert.Equal(AuditProblemKind.Inserted, problem.Kind);
        Assert.Equal(5, problem.Sequence);
    }

    [Fact]
    public async Task Verify_MiddleRowDeleted_NamesTheMissingEntry()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, "DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE seq = 5;");
        var problem = await FirstProblemAsync(f);
        Assert.Equal(AuditProblemKind.Missing, problem.Kind);
        Assert.Equal(5, problem.Sequence);
        Assert.Contains("Entry 5 is missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LastRowsAndTheirCheckpointsDeleted_DetectedThroughTheCheckpointFile()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, """
            DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE seq >= 7;
            DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints;
            """);
        var result = await f.VerifyAsync();
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(AuditProblemKind.Missing, problem.Kind);
        Assert.Equal(7, problem.Sequence);
        Assert.Contains("Entries 7..8 are missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LastRowsDeletedWithoutCheckpoint_IsTheKnownLimit()
    {
        // Entries after the newest checkpoint are only as safe as the next checkpoint: documented, and pinned here.
        await using var f = await SeededAsync();
        await f.Store.AppendAuditAsync(new AuditDraft("alice", "use_case", "uc-1", "create", null, "{}", null));
        await AttackAsync(f, "DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE seq = 9;");
        Assert.True((await f.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task Verify_RowsReordered_NamesTheMovedEntry()
    {
        await using var f = await SeededAsync();
        await AttackAsync(f, """
            DROP TRIGGER audit_entries_no_update;
            UPDATE audit_entries SET seq = -1 WHERE seq = 3;
            UPDATE audit_entries SET seq = 3 WHERE seq = 4;
            UPDATE audit_entries SET seq = 4 WHERE seq = -1;
            """);
        var problem = await FirstProblemAsync(f);
        Assert.Equal(AuditProblemKind.Reordered, problem.Kind);
        Assert.Equal(3, problem.Sequence);
        Assert.Contains("Entry 4 was reordered", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CheckpointFileLineForged_IsReported()
    {
        await using var f = await SeededAsync();
        var line = (await File.ReadAllLinesAsync(f.CheckpointPath)).Single();
        await File.AppendAllTextAsync(f.CheckpointPath, line.Replace("\"seq\":8", "\"seq\":20", StringComparison.Ordinal) + "\n");
        var result = await f.VerifyAsync();
        Assert.Contains(result.Problems, p => p.Kind == AuditProblemKind.Checkpoint && p.Sequence == 20);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'x' WHERE seq = 1;", "cannot be changed")]
    [InlineData("DELETE FROM audit_entries WHERE seq = 1;", "append-only")]
    [InlineData("DELETE FROM audit_checkpoints;", "append-only")]
    [InlineData("UPDATE signatures SET record_id = 'x';", "append-only")]
    [InlineData("DELETE FROM users;", "never deleted")]
    public async Task Database_RefusesUpdateAndDelete_ThroughAnOrdinaryConnection(string sql, string expected)
    {
        await using var f = await SeededAsync();

        // Triggers fire per row: give every guarded table a row to refuse.
        await f.AddUserAsync("alice", Identity.Role.Quality);
        var session = await f.SignInAsync("alice");
        Assert.True((await f.Signatures.SignAsync(session, "alice", GovernanceFixture.Password, "stage", "a1", "{}"u8.ToArray(), Signatures.SignatureMeaning.Approved)).Succeeded);
        await using var connection = new SqliteConnection($"Data Source={f.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_ChangeWithoutReason_IsRefused()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => f.Store.AppendAuditAsync(new AuditDraft("alice", "guard", "g1", "change", "{\"max\":1}", "{\"max\":2}", null)));
        Assert.Contains("gives no reason", error.Message, StringComparison.Ordinal);
        Assert.Null(await f.Store.GetAuditHeadAsync());
    }

    private static async Task<GovernanceFixture> SeededAsync()
    {
        var f = await GovernanceFixture.CreateAsync();
        for (var i = 1; i <= Entries; i++)
        {
            f.Time.Advance(TimeSpan.FromMinutes(1));
            await f.Store.AppendAuditAsync(new AuditDraft("alice", "use_case", "uc-" + i, i == 1 ? "create" : "change", i == 1 ? null : "{\"v\":0}", "{\"v\":" + i + "}", i == 1 ? null : "tuning"));
        }

        Assert.NotNull(await f.Checkpointer.CheckpointAsync());
        return f;
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

    private static async Task<AuditProblem> FirstProblemAsync(GovernanceFixture f)
    {
        var result = await f.VerifyAsync();
        Assert.False(result.IsValid, "the tampering was not detected");
        return result.Problems[0];
    }
}
