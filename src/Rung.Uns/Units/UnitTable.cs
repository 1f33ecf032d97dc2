using System.Collections.Frozen;

namespace Rung.Uns.Units;

/// <summary>
/// The engineering units the data contract converts between. Each unit is a linear map to its dimension's base
/// unit. Names are case-sensitive (<c>mm</c> is not <c>Mm</c>). A unit converts to itself even when it is not in
/// the table, so inputs in units Rung does not know still work without conversion. Thread-safe.
/// </summary>
public static class UnitTable
{
    private static readonly FrozenDictionary<string, (string Dimension, double Factor, double Offset)> Units =
        new Dictionary<string, (string, double, double)>(StringComparer.Ordinal)
        {
            // temperature, base K
            ["K"] = ("temperature", 1, 0),
            ["degC"] = ("temperature", 1, 273.15),
            ["°C"] = ("temperature", 1, 273.15),
            ["degF"] = ("temperature", 5.0 / 9.0, 459.67 * 5.0 / 9.0),
            ["°F"] = ("temperature", 5.0 / 9.0, 459.67 * 5.0 / 9.0),

            // pressure, base Pa
            ["Pa"] = ("pressure", 1, 0),
            ["kPa"] = ("pressure", 1e3, 0),
            ["MPa"] = ("pressure", 1e6, 0),
            ["bar"] = ("pressure", 1e5, 0),
            ["mbar"] = ("pressure", 100, 0),
            ["psi"] = ("pressure", 6894.757293168361, 0),

            // length, base m
            ["m"] = ("length", 1, 0),
            ["cm"] = ("length", 0.01, 0),
            ["mm"] = ("length", 0.001, 0),
            ["um"] = ("length", 1e-6, 0),
            ["in"] = ("length", 0.0254, 0),
            ["ft"] = ("length", 0.3048, 0),

            // rotational speed, base rpm
            ["rpm"] = ("rotational speed", 1, 0),
            ["rps"] = ("rotational speed", 60, 0),

            // linear rate (feed, conveyor), base m/s
            ["m/s"] = ("rate", 1, 0),
            ["mm/s"] = ("rate", 0.001, 0),
            ["mm/min"] = ("rate", 0.001 / 60, 0),
            ["m/min"] = ("rate", 1.0 / 60, 0),
            ["in/min"] = ("rate", 0.0254 / 60, 0),

            // mass, base kg
            ["kg"] = ("mass", 1, 0),
            ["g"] = ("mass", 0.001, 0),
            ["lb"] = ("mass", 0.45359237, 0),

            // time, base s
            ["s"] = ("time", 1, 0),
            ["ms"] = ("time", 0.001, 0),
            ["min"] = ("time", 60, 0),
            ["h"] = ("time", 3600, 0),

            // ratio, base fraction
            ["%"] = ("ratio", 0.01, 0),
            ["ratio"] = ("ratio", 1, 0),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every unit the table knows.</summary>
    public static IEnumerable<string> Known => Units.Keys;

    /// <summary>The conversion from <paramref name="from"/> to <paramref name="to"/>, or the reason there is none.</summary>
    public static bool TryGet(string from, string to, out UnitConversion? conversion, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        conversion = null;
        problem = null;
        if (from == to)
        {
            conversion = UnitConversion.Identity(from);
            return true;
        }

        if (!Units.TryGetValue(from, out var source))
        {
            problem = $"unknown unit '{from}'; known units: {string.Join(", ", Units.Keys.Order(StringComparer.Ordinal))}";
            return false;
        }

        if (!Units.TryGetValue(to, out var target))
        {
            problem = $"unknown unit '{to}'; known units: {string.Join(", ", Units.Keys.Order(StringComparer.Ordinal))}";
            return false;
        }

        if (source.Dimension != target.Dimension)
        {
            problem = $"cannot convert {from} ({source.Dimension}) to {to} ({target.Dimension})";
            return false;
        }

        // value -> base: v * f1 + o1; base -> target: (b - o2) / f2
        conversion = new UnitConversion(from, to, source.Factor / target.Factor, (source.Offset - target.Offset) / target.Factor);
        return true;
    }

    /// <summary>The conversion from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException">A unit is unknown or the two measure different things.</exception>
    public static UnitConversion Get(string from, string to) =>
        TryGet(from, to, out var conversion, out var problem) ? conversion! : throw new ArgumentException(problem);
}
