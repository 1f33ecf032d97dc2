using Npgsql;
using Rung.Core.Policy;
using Rung.Storage.Audit;
using Rung.Storage.Journal;
using Rung.Storage.Postgres;
using Rung.Testing.Postgres;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests.Postgres;

/// <summary>
/// Appends and delivery marks hold the write lock shared; every other write holds it exclusively; journal reads by
/// row id wait for running appends. Two stores on one database stand for two servers.
/// </summary>
public sealed class PostgresSharedWriteTests : IAsyncLifetime
{
    // Generous: only a hang guard. The waits below end on a condition, never on a clock.
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);

    private PostgresDatabase? _database;
    private PostgresRungStore? _first;
    private PostgresRungStore? _second;

    private PostgresRungStore First => _first!;

    private PostgresRungStore Second => _second!;

    private string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        _first = await PostgresRungStore.OpenAsync(ConnectionString, TimeProvider.System);
        _second = await PostgresRungStore.OpenAsync(ConnectionString, TimeProvider.System);
        await First.EnsureAgentAsync(Agent(), Initial());
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_servers_appending_the_same_cases_in_opposite_orders_store_each_once_and_never_deadlock()
    {
        for (var round = 0; round < 6; round++)
        {
            var ids = Enumerable.Range(0, 150).Select(i => $"r{round}-c{i:D3}").ToList();
            var forward = ids.Select((id, i) => Decision(id, T0.AddSeconds(i), i % 3 == 0 ? Disposition.Committed : i % 3 == 1 ? Disposition.Excepted : Disposition.Logged)).ToList();
            var backward = Enumerable.Reverse(forward).ToList();

            var appends = new (PostgresRungStore Store, List<DecisionRecord> Batch)[] { (First, forward), (Second, backward), (First, backward) };
            var results = await Task.WhenAll(appends.Select(a => Task.Run(() => a.Store.AppendDecisionsAsync(a.Batch)))).WaitAsync(Hang);

            // Per case id: stored by exactly one of the three appends, a duplicate for the other two.
            foreach (var id in ids)
            {
                var stored = appends.Select((a, k) => results[k][a.Batch.FindIndex(d => d.Case.CaseId == id)]).Count(r => r == AppendResult.Stored);
                Assert.True(stored == 1, $"case {id} was stored {stored} times");
            }
        }

        Assert.Equal(900, await First.CountDecisionsAsync(AgentId));
        Assert.Equal(300, (await Second.GetUndeliveredActionsAsync(AgentId, 10_000)).Count);
        Assert.Equal(300, await CountAsync("SELECT COUNT(*) FROM exception_items;"));
    }

    [Fact]
    public async Task Two_servers_marking_the_same_actions_delivered_report_each_as_newly_marked_once()
    {
        var batch = Enumerable.Range(0, 200).Select(i => Decision($"c{i:D3}", T0.AddSeconds(i), Disposition.Committed)).ToList();
        await First.AppendDecisionsAsync(batch);
        var ids = batch.Select(d => d.Case.CaseId).ToList();
        var reversed = Enumerable.Reverse(ids).ToList();

        var marks = await Task.WhenAll(
            Task.Run(() => First.MarkActionsDeliveredAsync(ids, T0.AddMinutes(10))),
            Task.Run(() => Second.MarkActionsDeliveredAsync(reversed, T0.AddMinutes(10)))).WaitAsync(Hang);

        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True(marks[0][i] ^ marks[1][ids.Count - 1 - i], $"case {ids[i]} was newly marked by both or neither");
        }

        Assert.Empty(await First.GetUndeliveredActionsAsync(AgentId, 10_000));
    }

    [Fact]
    public async Task An_append_runs_beside_a_shared_holder_while_an_exclusive_write_waits_for_it()
    {
        await using var holder = await LockHolder.StartAsync(ConnectionString, "pg_advisory_xact_lock_shared");

        // Shared beside shared: the append does not wait for the holder.
        var stored = await First.AppendDecisionsAsync([Decision("c1", T0)]).WaitAsync(Hang);
        Assert.Equal([AppendResult.Stored], stored);

        var audit = Second.AppendAuditAsync(new AuditDraft("pat", "agent", AgentId, "note", null, "{\"note\":\"while an append runs\"}", null));
        await WaitForLockWaiterAsync();
        Assert.False(audit.IsCompleted);

        await holder.CommitAsync();
        var entry = await audit.WaitAsync(Hang);
        Assert.Equal("pat", entry.Actor);
    }

    [Fact]
    public async Task An_append_waits_while_an_exclusive_writer_holds_the_lock_and_then_stores()
    {
        await using var holder = await LockHolder.StartAsync(ConnectionString, "pg_advisory_xact_lock");
        var append = First.AppendDecisionsAsync([Decision("c1", T0, Disposition.Committed)]);
        await WaitForLockWaiterAsync();
        Assert.False(append.IsCompleted);
        Assert.Equal(0, await Second.CountDecisionsAsync(AgentId));

        await holder.CommitAsync();
        Assert.Equal([AppendResult.Stored], await append.WaitAsync(Hang));
        Assert.Equal(1, await Second.CountDecisionsAsync(AgentId));
    }

    [Fact]
    public async Task A_journal_read_waits_for_an_append_with_a_lower_id_that_commits_after_a_higher_one()
    {
        await First.AppendDecisionsAsync([Decision("seed", T0)]);
        var cursor = (await First.ReadJournalAsync(0, 10)).Single().Sequence;

        // An append that has taken its row id but not committed: a copy of the seed row under a new case id.
        await using var slow = await LockHolder.StartAsync(ConnectionString, "pg_advisory_xact_lock_shared");
        await slow.ExecuteAsync(await CopyOfSeedSqlAsync("late"));

        // A later append gets higher ids and commits first.
        await Second.AppendDecisionsAsync([Decision("early-1", T0.AddSeconds(1)), Decision("early-2", T0.AddSeconds(2))]).WaitAsync(Hang);

        var read = First.ReadJournalAsync(cursor, 100);
        await WaitForLockWaiterAsync();
        Assert.False(read.IsCompleted);

        await slow.CommitAsync();
        var entries = await read.WaitAsync(Hang);
        Assert.Equal(["late", "early-1", "early-2"], entries.Select(e => e.Record.Case.CaseId));
        Assert.Equal(entries[^1].Sequence, await Second.GetJournalHeadAsync());
    }

    /// <summary>Returns once some session waits for the store's write lock (pg_locks shows it not granted).</summary>
    private async Task WaitForLockWaiterAsync()
    {
        using var hang = new CancellationTokenSource(Hang);
        while (await CountAsync(FormattableString.Invariant($"""
            SELECT COUNT(*) FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND classid = {PostgresRungStore.WriteLockKey >> 32} AND objid = {PostgresRungStore.WriteLockKey & 0xFFFFFFFF}
            """)) == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), hang.Token);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An INSERT copying the seed decision under <paramref name="caseId"/>, every column but the id.</summary>
    private async Task<string> CopyOfSeedSqlAsync(string caseId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'decisions' AND column_name NOT IN ('id', 'case_id');",
            connection);
        var columns = (string)(await command.ExecuteScalarAsync())!;
        return $"INSERT INTO decisions (case_id, {columns}) SELECT '{caseId}', {columns} FROM decisions WHERE case_id = 'seed';";
    }

    /// <summary>Another session's transaction holding the store's write lock in one mode until it commits.</summary>
    private sealed class LockHolder : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;

        private LockHolder(NpgsqlConnection connection, NpgsqlTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        public static async Task<LockHolder> StartAsync(string connectionString, string lockFunction)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var holder = new LockHolder(connection, await connection.BeginTransactionAsync());
            await holder.ExecuteAsync($"SELECT {lockFunction}({PostgresRungStore.WriteLockKey});");
            return holder;
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, _connection, _transaction);
            await command.ExecuteNonQueryAsync();
        }

        public Task CommitAsync() => _transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
