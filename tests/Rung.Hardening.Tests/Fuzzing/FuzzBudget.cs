using System.Globalization;

namespace Rung.Hardening.Tests.Fuzzing;

/// <summary>
/// How long a fuzz run is: a fixed seed and a fixed number of inputs per target, so CI is repeatable. The
/// environment widens it for a longer run (eng/fuzz.sh): <c>RUNG_FUZZ_SEED</c> picks another seed and
/// <c>RUNG_FUZZ_SCALE</c> multiplies every target's input count.
/// </summary>
internal sealed record FuzzBudget(int Seed, int Iterations)
{
    public const int DefaultSeed = 62443;

    public static FuzzBudget For(int ciIterations)
    {
        var seed = Read("RUNG_FUZZ_SEED") ?? DefaultSeed;
        var scale = Read("RUNG_FUZZ_SCALE") ?? 1;
        return new FuzzBudget(seed, checked(ciIterations * Math.Max(1, scale)));
    }

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
