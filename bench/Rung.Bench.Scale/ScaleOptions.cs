using System.Globalization;
using Rung.Storage;

namespace Rung.Bench.Scale;

/// <summary>Command-line options; each store is opened fresh (new SQLite file, emptied PostgreSQL schema) per run.</summary>
internal sealed record ScaleOptions(string? Postgres, string SqliteFolder, int Seconds, int Batch, long MaxRows, bool Huge)
{
    public static ScaleOptions Parse(string[] args)
    {
        string? postgres = Environment.GetEnvironmentVariable("RUNG_BENCH_POSTGRES");
        var sqlite = Path.Combine(Path.GetTempPath(), "rung-bench-scale");
        int seconds = 10, batch = 100;
        long maxRows = 1_000_000;
        var huge = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--postgres": postgres = args[++i]; break;
                case "--sqlite": sqlite = args[++i]; break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--max-rows": maxRows = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--huge": huge = true; maxRows = 10_000_000; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --postgres CONNECTION --sqlite FOLDER --seconds S --batch B --max-rows N --huge");
            }
        }

        return new ScaleOptions(postgres, sqlite, seconds, batch, maxRows, huge);
    }

    public IEnumerable<long> Sizes()
    {
        for (long size = 10_000; size <= MaxRows; size *= 10)
        {
            yield return size;
        }
    }

    /// <summary>Each store as a factory that opens one more instance on a fresh database for a run.</summary>
    public IEnumerable<(string Name, Func<Task<Func<Task<IRungDataStore>>>> Fresh)> Stores()
    {
        yield return ("SQLite", () =>
        {
            var folder = Path.Combine(SqliteFolder, Guid.NewGuid().ToString("N"));
            var file = Path.Combine(folder, "rung.db");
            return Task.FromResult<Func<Task<IRungDataStore>>>(async () => await RungStoreFactory.OpenAsync(file, TimeProvider.System));
        });
        if (Postgres is { } connection)
        {
            yield return ("PostgreSQL", async () =>
            {
                await Fresh.ResetPostgresAsync(connection);
                return async () => await RungStoreFactory.OpenAsync(connection, TimeProvider.System);
            });
        }
    }
}
