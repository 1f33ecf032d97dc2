namespace Rung.Simulation.Sites;

/// <summary>How one sensor is published at a site: its tag and unit, and the linear map from the model's unit.</summary>
/// <param name="Sensor">The sensor key (see <see cref="Parts.SensorNames"/>).</param>
/// <param name="Topic">The site's tag for it.</param>
/// <param name="Unit">The unit the site publishes in.</param>
/// <param name="Factor">Site value = canonical value x Factor + Offset.</param>
/// <param name="Offset">See <paramref name="Factor"/>.</param>
public sealed record SiteTag(string Sensor, string Topic, string Unit, double Factor = 1, double Offset = 0)
{
    /// <summary>The site's reading for a canonical sensor value (the unit the simulation and the model use).</summary>
    public double FromCanonical(double value) => (value * Factor) + Offset;
}
