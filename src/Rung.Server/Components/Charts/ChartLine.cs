namespace Rung.Server.Components.Charts;

/// <summary>A horizontal reference line, such as the SLO floor or the alert line.</summary>
/// <param name="Name">Its label.</param>
/// <param name="Value">Where it is drawn.</param>
/// <param name="CssClass">Stroke class from the stylesheet.</param>
public sealed record ChartLine(string Name, double Value, string CssClass);
