using System.Globalization;

namespace Rung.Bench;

/// <summary>The command line: how many cases, rounds and seconds each measured run may take.</summary>
internal sealed record BenchOptions
{
    public int Cases { get; init; } = 200_000;

    public int Rounds { get; init; } = 3;

    /// <summary>A round stops after this many seconds even before its cases are done (batch size 1 is fsync-bound).</summary>
    public double MaxSeconds { get; init; } = 10;

    public int WarmupCases { get; init; } = 20_000;

    public double WarmupSeconds { get; init; } = 2;

    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 100, 1000];

    public bool Quick { get; init; }

    /// <summary>Whether to break the journal's cost down after the main table.</summary>
    public bool Anatomy { get; init; } = true;

    /// <summary>Decisions the journal anatomy writes (capped by <see cref="Cases"/>).</summary>
    public int AnatomyCases { get; init; } = 50_000;

    public const string Usage = """
        Usage: Rung.Bench [--cases N] [--rounds N] [--max-seconds S] [--batches 1,100,1000] [--anatomy-cases N] [--no-anatomy] [--quick]
          --cases N          cases per measured round (default 200000)
          --rounds N         measured rounds after the warm-up; the median is reported (default 3)
          --max-seconds S    a round stops after S seconds even before its cases are done (default 10)
          --batches LIST     batch sizes, comma separated (default 1,100,1000)
          --no-anatomy       skip the breakdown of the journal's cost (batch 1000)
          --anatomy-cases N  decisions the breakdown writes (default 50000, at most --cases)
          --quick            a smoke run: 3000 cases, 1 round, 2 seconds
        """;

    /// <summary>Reads the arguments; throws <see cref="FormatException"/> naming the argument that is wrong.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        if (args.Contains("--quick"))
        {
            options = options with { Cases = 3_000, Rounds = 1, MaxSeconds = 2, WarmupCases = 1_000, WarmupSeconds = 1, Quick = true };
        }

        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--anatomy-cases":
                    options = options with { AnatomyCases = PositiveInt(args, ++i, "--anatomy-cases") };
                    break;
                case "--no-anatomy":
                    options = options with { Anatomy = false };
                    break;
                case "--cases":
                    options = options with { Cases = PositiveInt(args, ++i, "--cases") };
                    break;
                case "--rounds":
                    options = options with { Rounds = PositiveInt(args, ++i, "--rounds") };
                    break;
                case "--max-seconds":
                    options = options with { MaxSeconds = PositiveDouble(args, ++i, "--max-seconds") };
                    break;
                case "--batches":
                    options = options with { BatchSizes = [.. Value(args, ++i, "--batches").Split(',').Select(s => PositiveInt([s], 0, "--batches"))] };
                    break;
                default:
                    throw new FormatException($"Unknown argument '{args[i]}'.");
            }
        }

        return options with { WarmupCases = Math.Min(options.WarmupCases, options.Cases) };
    }

    private static string Value(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count ? args[index] : throw new FormatException($"{name} needs a value.");

    private static int PositiveInt(IReadOnlyList<string> args, int index, string name)
    {
        var text = Value(args, index, name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"{name} must be a positive whole number; got '{text}'.");
    }

    private static double PositiveDouble(IReadOnlyList<string> args, int index, string name)
    {
        var text = Value(args, index, name);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new FormatException($"{name} must be a positive number of seconds; got '{text}'.");
    }
}
