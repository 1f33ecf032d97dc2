using Microsoft.Data.Sqlite;
using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Server.Data;
using Rung.Storage.Audit;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Server.Tests;

/// <summary>The audit page's reads: pages by sequence keyset, the quick check after this server's verified prefix, the full check.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the test through IAsyncLifetime.DisposeAsync.")]
public sealed class AuditReaderTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();
    private SqliteRungStore _store = default!;
    private ServerKey _key = default!;
    private AuditReader _reader = default!;

    public async Task InitializeAsync()
    {
        _store = await SqliteRungStore.OpenAsync(_folder.File("rung.db"), _time);
        _key = ServerKey.LoadOrCreate(GovernancePaths.Keys(_folder.Path));
        _reader = new AuditReader(_store, _store, _key, new ConsoleOptions { DatabasePath = _folder.File("rung.db") });
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _key.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task QuickVerify_SecondView_WalksOnlyWhatWasAppendedSinceTheFirst()
    {
        await AppendAsync(5);
        var first = await _reader.QuickVerifyAsync();
        Assert.True(first.IsValid, first.Summary);
        Assert.Null(first.Prefix);
        Assert.Equal(5, first.EntriesChecked);

        await AppendAsync(2);
        var second = await _reader.QuickVerifyAsync();
        Assert.True(second.IsValid, second.Summary);
        Assert.Equal(5, second.Prefix?.Sequence);
        Assert.Equal(2, second.EntriesChecked);
        Assert.Equal(7, second.HeadSequence);
        Assert.Equal(7, (await _reader.VerifiedHeadAsync(second))?.Sequence);
    }

    [Fact]
    public async Task QuickVerify_EntryChangedAfterThePrefix_IsFound_AndLaterViewsWalkTheWholeChain()
    {
        await AppendAsync(5);
        Assert.True((await _reader.QuickVerifyAsync()).IsValid);
        await AppendAsync(3);
        await TamperAsync("UPDATE audit_entries SET reason = 'nothing to see' WHERE seq = 7;");

        var quick = await _reader.QuickVerifyAsync();
        Assert.False(quick.IsValid, "the change after the prefix was not found");
        Assert.Equal(7, quick.Problems[0].Sequence);
        var next = await _reader.QuickVerifyAsync();
        Assert.False(next.IsValid);
        Assert.Null(next.Prefix);
    }

    [Fact]
    public async Task FullVerify_FindsAnEntryChangedBeforeThePrefix_WhichTheQuickCheckDoesNotWalk()
    {
        await AppendAsync(6);
        Assert.True((await _reader.QuickVerifyAsync()).IsValid);
        await TamperAsync("UPDATE audit_entries SET reason = 'nothing to see' WHERE seq = 3;");

        var quick = await _reader.QuickVerifyAsync();
        Assert.True(quick.IsValid, "the quick check walked the prefix again");
        Assert.Equal(6, quick.Prefix?.Sequence);
        var full = await _reader.VerifyAsync();
        Assert.False(full.IsValid);
        Assert.Equal(AuditProblemKind.Changed, full.Problems[0].Kind);
        Assert.Equal(3, full.Problems[0].Sequence);
        Assert.Null(await _reader.VerifiedHeadAsync(full));

        // Once the full check has found it, the quick check no longer trusts the prefix.
        Assert.False((await _reader.QuickVerifyAsync()).IsValid);
    }

    [Fact]
    public async Task PageAsync_PagesNewestFirst_OlderAndNewer_WithTheFilterKept()
    {
        await AppendAsync(12);
        static long[] Seqs(AuditTrailPage page) => [.. page.Entries.Select(e => e.Sequence)];

        var newest = await _reader.PageAsync(AuditQuery.All, new AuditPageRequest(Limit: 5));
        Assert.Equal([12L, 11, 10, 9, 8], Seqs(newest));
        Assert.True(newest.HasOlder);
        Assert.False(newest.HasNewer);

        var older = await _reader.PageAsync(AuditQuery.All, new AuditPageRequest(Before: 8, Limit: 5));
        Assert.Equal([7L, 6, 5, 4, 3], Seqs(older));
        Assert.True(older.HasOlder);
        Assert.True(older.HasNewer);

        var oldest = await _reader.PageAsync(AuditQuery.All, new AuditPageRequest(Before: 3, Limit: 5));
        Assert.Equal([2L, 1], Seqs(oldest));
        Assert.False(oldest.HasOlder);

        var newer = await _reader.PageAsync(AuditQuery.All, new AuditPageRequest(After: 7, Limit: 5));
        Assert.Equal([12L, 11, 10, 9, 8], Seqs(newer));
        Assert.False(newer.HasNewer);
        Assert.True(newer.HasOlder);

        var odd = new AuditQuery(Actor: "odd");
        var oddPage = await _reader.PageAsync(odd, new AuditPageRequest(Before: 8, Limit: 2));
        Assert.Equal([7L, 5], Seqs(oddPage));
        Assert.True(oddPage.HasOlder);
        var oddNewer = await _reader.PageAsync(odd, new AuditPageRequest(After: 7, Limit: 2));
        Assert.Equal([11L, 9], Seqs(oddNewer));
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            var head = await _store.GetAuditHeadAsync();
            var seq = (head?.Sequence ?? 0) + 1;
            await _store.AppendAuditAsync(new AuditDraft(seq % 2 == 1 ? "odd" : "even", "use_case", "uc-" + seq, "change", "{}", "{\"v\":1}", "tuning"));
        }
    }

    private async Task TamperAsync(string sql)
    {
        // Someone with the database file and a connection of their own, past the append-only triggers.
        await using var connection = new SqliteConnection($"Data Source={_folder.File("rung.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER audit_entries_no_update; " + sql;
        await command.ExecuteNonQueryAsync();
    }
}
