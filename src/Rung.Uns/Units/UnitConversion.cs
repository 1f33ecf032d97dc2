namespace Rung.Uns.Units;

/// <summary>A linear conversion between two units of one dimension: <c>to = value * Factor + Offset</c>.</summary>
/// <param name="From">The source unit.</param>
/// <param name="To">The target unit.</param>
/// <param name="Factor">The scale.</param>
/// <param name="Offset">The shift (non-zero only between temperature scales).</param>
public sealed record UnitConversion(string From, string To, double Factor, double Offset)
{
    /// <summary>Converts <paramref name="value"/> from <see cref="From"/> to <see cref="To"/>.</summary>
    public double Apply(double value) => (value * Factor) + Offset;

    /// <summary>The conversion that changes nothing.</summary>
    public static UnitConversion Identity(string unit) => new(unit, unit, 1, 0);
}
