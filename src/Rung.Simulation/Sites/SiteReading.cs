namespace Rung.Simulation.Sites;

/// <summary>One value as a site publishes it.</summary>
/// <param name="Sensor">The sensor key.</param>
/// <param name="Topic">The site's tag.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">The site's unit.</param>
public sealed record SiteReading(string Sensor, string Topic, double Value, string Unit);
