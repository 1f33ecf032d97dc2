namespace Rung.Simulation.Randomness;

/// <summary>
/// Derives independent seeds from (seed, purpose, keys) so every simulated day and every
/// person's decision draws from its own stream: results never depend on call order.
/// </summary>
internal static class SeedMixer
{
    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Derive(long seed, StreamPurpose purpose, ulong key1, ulong key2 = 0)
    {
        var state = unchecked((ulong)seed);
        var h = SplitMix64(ref state);
        h = Mix(h, (ulong)purpose);
        h = Mix(h, key1);
        return Mix(h, key2);
    }

    /// <summary>FNV-1a over UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static ulong Hash(string text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }

        return h;
    }

    public static Xoshiro256StarStar Stream(long seed, StreamPurpose purpose, ulong key1, ulong key2 = 0) =>
        new(Derive(seed, purpose, key1, key2));

    private static ulong Mix(ulong h, ulong value)
    {
        var state = h ^ value;
        return SplitMix64(ref state);
    }
}
