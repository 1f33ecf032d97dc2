using System.Globalization;

namespace Rung.Gates.Evaluation;

/// <summary>Invariant formatting for evidence.</summary>
internal static class Text
{
    public static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Pct(double share) => F($"{share * 100:0.0} %");

    public static EvidenceLine Line(string name, FormattableString value) => new(name, F(value));
}
