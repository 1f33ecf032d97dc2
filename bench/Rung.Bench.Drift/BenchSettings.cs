namespace Rung.Bench.Drift;

/// <summary>How much work each part of the benchmark does: the full run, or a short smoke run with --quick.</summary>
internal sealed record BenchSettings(
    bool Quick,
    int Seeds,
    int ReferenceRows,
    long StationaryCasesPerWindow,
    long StationaryErrorCases,
    int CostCasesPerRound,
    int CostRounds,
    int SqliteCasesPerRound,
    int SqliteRounds,
    int MicroRounds)
{
    public static BenchSettings Full { get; } = new(false, 20, 20_000, 1_000_000, 4_000_000, 4_800, 7, 480, 5, 7);

    public static BenchSettings Smoke { get; } = new(true, 4, 20_000, 100_000, 400_000, 960, 3, 96, 1, 3);

    public static int[] Windows { get; } = [500, 2000];
}
