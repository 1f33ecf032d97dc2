using System.Globalization;

namespace Rung.Bench.Scale;

/// <summary>Command-line options.</summary>
internal sealed record ScaleOptions(string? Postgres, string SqliteFolder, IReadOnlyList<long> Sizes, int Repeats, IReadOnlyList<string> Stores, bool Keep)
{
    public static ScaleOptions Parse(string[] args)
    {
        string? postgres = Environment.GetEnvironmentVariable("RUNG_BENCH_POSTGRES");
        var sqlite = Path.Combine(Path.GetTempPath(), "rung-bench-scale");
        var sizes = new List<long> { 10_000, 100_000, 1_000_000, 10_000_000 };
        var repeats = 7;
        string? only = null;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option '{args[i]}' needs a value.");
            switch (args[i])
            {
                case "--postgres": postgres = Value(); break;
                case "--sqlite": sqlite = Value(); break;
                case "--sizes": sizes = [.. Value().Split(',').Select(s => long.Parse(s.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture))]; break;
                case "--max-rows": var max = long.Parse(Value(), CultureInfo.InvariantCulture); sizes = [.. sizes.Where(s => s <= max)]; break;
                case "--repeats": repeats = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--store": only = Value().ToLowerInvariant(); break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --postgres CONNECTION --sqlite FOLDER --sizes 10000,100000,... --max-rows N --repeats R --store sqlite|postgres --keep");
            }
        }

        var stores = new List<string>();
        if (only is null or "sqlite")
        {
            stores.Add("SQLite");
        }

        if (only is null or "postgres" && postgres is not null)
        {
            stores.Add("PostgreSQL");
        }

        if (only is not (null or "sqlite" or "postgres"))
        {
            throw new ArgumentException($"--store takes sqlite or postgres, not '{only}'.");
        }

        return new ScaleOptions(postgres, sqlite, sizes, repeats, stores, keep);
    }
}
