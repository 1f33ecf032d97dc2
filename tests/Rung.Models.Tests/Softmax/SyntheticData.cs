namespace Rung.Models.Tests.Softmax;

/// <summary>Deterministic training sets with a known answer.</summary>
internal static class SyntheticData
{
    public static readonly string[] Features = ["a", "b", "n1", "n2", "n3", "n4", "n5"];

    /// <summary>
    /// Four classes by the quadrant of (a, b), clusters at (+-3, +-3) with unit spread; n1..n5 are noise.
    /// Offsets and scales differ per feature so standardisation matters.
    /// </summary>
    public static (List<IReadOnlyDictionary<string, double>> Rows, List<string> Labels) Quadrants(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<IReadOnlyDictionary<string, double>>(count);
        var labels = new List<string>(count);
        string[] names = ["pass", "rework", "scrap", "hold"];
        for (var i = 0; i < count; i++)
        {
            var k = random.Next(4);
            var sa = k is 0 or 3 ? 1 : -1;
            var sb = k is 0 or 1 ? 1 : -1;
            rows.Add(new Dictionary<string, double>
            {
                ["a"] = 50 + (10 * ((3 * sa) + Gaussian(random))),
                ["b"] = -0.01 * ((3 * sb) + Gaussian(random)),
                ["n1"] = Gaussian(random),
                ["n2"] = 1000 + (100 * Gaussian(random)),
                ["n3"] = Gaussian(random),
                ["n4"] = random.NextDouble(),
                ["n5"] = 7 + Gaussian(random),
            });
            labels.Add(names[k]);
        }

        return (rows, labels);
    }

    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
