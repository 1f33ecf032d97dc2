using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Rung.Storage;

namespace Rung.Bench.Scale;

/// <summary>
/// The console's reads on a fresh database per size: seed through the store, fill set-based, reopen the store, time
/// every read (median of several calls after one warm-up), measure the database's size, delete it.
/// </summary>
internal static class Pages
{
    public sealed record SizeResult(long Cases, long Bytes, TimeSpan Fill, IReadOnlyDictionary<string, double> Medians);

    public static async Task<List<SizeResult>> RunAsync(ScaleOptions options, string store, IEnumerable<long> sizes)
    {
        var results = new List<SizeResult>();
        foreach (var size in sizes)
        {
            var target = store == "SQLite"
                ? (IDatabase)new SqliteDatabase(Path.Combine(options.SqliteFolder, Guid.NewGuid().ToString("N"), "rung.db"))
                : new PostgresDatabase(options.Postgres!);
            try
            {
                await target.ResetAsync();
                await using (var seeding = await RungStoreFactory.OpenAsync(target.Store, TimeProvider.System))
                {
                    await Layout.SeedAsync(seeding);
                }

                var clock = Stopwatch.StartNew();
                await using (var connection = await target.ConnectAsync())
                {
                    await new Filler(connection, target is PostgresDatabase).FillAsync(size, line => Console.Error.WriteLine($"  {store} {size:N0}: {line}"));
                }

                var fill = clock.Elapsed;
                var bytes = await target.SizeAsync();
                await using var reader = await RungStoreFactory.OpenAsync(target.Store, TimeProvider.System);
                var medians = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (name, read) in ConsoleReads.For(reader))
                {
                    medians[name] = await MedianAsync(read, options.Repeats);
                }

                results.Add(new SizeResult(size, bytes, fill, medians));
                Console.Error.WriteLine(FormattableString.Invariant($"  {store} {size:N0}: filled in {fill.TotalSeconds:F0} s, {bytes / 1e6:F0} MB"));
            }
            finally
            {
                // --keep leaves the last size's database for EXPLAIN.
                if (!options.Keep || size != options.Sizes[^1])
                {
                    await target.DropAsync();
                }
                else
                {
                    Console.Error.WriteLine($"  kept: {target.Store}");
                }
            }
        }

        return results;
    }

    private static async Task<double> MedianAsync(Func<Task> read, int repeats)
    {
        var warm = Stopwatch.GetTimestamp();
        await read();
        if (Stopwatch.GetElapsedTime(warm).TotalSeconds > 2)
        {
            repeats = Math.Min(repeats, 3);
        }

        var samples = new List<double>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        return samples[repeats / 2];
    }

    private interface IDatabase
    {
        string Store { get; }

        Task ResetAsync();

        Task<DbConnection> ConnectAsync();

        Task<long> SizeAsync();

        Task DropAsync();
    }

    private sealed class SqliteDatabase(string file) : IDatabase
    {
        public string Store => file;

        public Task ResetAsync()
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return Task.CompletedTask;
        }

        public async Task<DbConnection> ConnectAsync()
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var pragma = connection.CreateCommand();

            // A bulk load: durability of the fill itself does not matter, the figures are about reads.
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;";
            await pragma.ExecuteNonQueryAsync();
            return connection;
        }

        public Task<long> SizeAsync() =>
            Task.FromResult(Directory.EnumerateFiles(Path.GetDirectoryName(file)!).Sum(f => new FileInfo(f).Length));

        public Task DropAsync()
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
            return Task.CompletedTask;
        }
    }

    private sealed class PostgresDatabase(string connectionString) : IDatabase
    {
        public string Store => connectionString;

        public Task ResetAsync() => Fresh.ResetPostgresAsync(connectionString);

        public async Task<DbConnection> ConnectAsync()
        {
            var connection = new NpgsqlConnection(Rung.Storage.Postgres.PostgresConnectionString.Parse(connectionString).ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        public async Task<long> SizeAsync()
        {
            await using var connection = (NpgsqlConnection)await ConnectAsync();
            await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database());", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public Task DropAsync() => Fresh.ResetPostgresAsync(connectionString);
    }
}
