namespace Rung.Simulation.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna): a small generator whose sequence is fixed by its
/// definition, so the same seed gives the same stream on every .NET version, unlike
/// <see cref="System.Random"/> whose algorithm is an implementation detail. Not thread-safe;
/// each simulated day or person decision owns its own instance.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        // SplitMix64 spreads one seed over the four words and never yields the all-zero state.
        var x = seed;
        _s0 = SeedMixer.SplitMix64(ref x);
        _s1 = SeedMixer.SplitMix64(ref x);
        _s2 = SeedMixer.SplitMix64(ref x);
        _s3 = SeedMixer.SplitMix64(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer in [min, max).</summary>
    public int NextInt(int min, int max) => min + (int)(NextDouble() * (max - min));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Normal deviate by Box-Muller; draws exactly two uniforms so streams stay aligned.</summary>
    public double Gaussian(double mean = 0, double sd = 1)
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
