namespace Rung.Server.Components.Charts;

/// <summary>One line on a chart: a name for the legend and one value per point (null where there is none).</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Values">Values, oldest first.</param>
/// <param name="CssClass">Stroke class from the stylesheet (<c>s1</c>, <c>s2</c>, ...), so both colour schemes apply.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, string CssClass);
