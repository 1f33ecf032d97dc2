namespace Rung.Governance.Conduits;

/// <summary>
/// One declared flow between two zones (IEC 62443 conduit): who opens the connection (<paramref name="FromZone"/>),
/// what it reaches (<paramref name="ToZone"/>), over which protocol (<c>mqtt</c>, <c>mqtts</c>, <c>http</c>,
/// <c>https</c>) and to which endpoint (<c>host:port</c>, or <c>*</c> for any endpoint of that zone).
/// </summary>
public sealed record Conduit(string FromZone, string ToZone, string Protocol, string Endpoint);
