namespace Rung.Core.Tests.Drift;

/// <summary>Seeded random samples: System.Random with a seed is the same sequence on every run and platform.</summary>
internal static class Samples
{
    public static double[] Normal(int seed, int count, double mean = 0, double std = 1)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller.
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = mean + (std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return values;
    }

    public static string[] Categories(int seed, int count, params (string Name, double Share)[] shares)
    {
        var random = new Random(seed);
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            var u = random.NextDouble();
            var chosen = shares[^1].Name;
            foreach (var (name, share) in shares)
            {
                if (u < share)
                {
                    chosen = name;
                    break;
                }

                u -= share;
            }

            values[i] = chosen;
        }

        return values;
    }

    public static IReadOnlyList<IReadOnlyDictionary<string, double>> NumericRows(string feature, double[] values) =>
        [.. values.Select(v => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { [feature] = v })];

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> CategoricalRows(string feature, string[] values) =>
        [.. values.Select(v => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [feature] = v })];
}
