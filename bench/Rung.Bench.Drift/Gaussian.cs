namespace Rung.Bench.Drift;

/// <summary>Seeded standard normal draws (Box-Muller, the spare value kept).</summary>
internal sealed class Gaussian(int seed)
{
    private double? _spare;

    public Random Uniform { get; } = new(seed);

    public double Next()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }

        double u;
        do
        {
            u = Uniform.NextDouble();
        }
        while (u <= double.Epsilon);
        var radius = Math.Sqrt(-2 * Math.Log(u));
        var angle = 2 * Math.PI * Uniform.NextDouble();
        _spare = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }
}
