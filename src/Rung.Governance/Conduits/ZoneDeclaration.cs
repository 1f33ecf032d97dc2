namespace Rung.Governance.Conduits;

/// <summary>
/// One declared zone of the plant (IEC 62443): what lives in it.
/// </summary>
/// <param name="Name">The zone's name, as conduits name it (for example <c>line4-cell</c>).</param>
/// <param name="Hosts">Machines in the zone: host names, IP addresses or CIDR ranges (<c>10.4.0.0/24</c>). A connection's
/// target belongs to the zone whose hosts name it; a request's source address must be in its zone's hosts.</param>
/// <param name="Scopes">ISA-95 scopes (token zones) whose edges live in this zone, for example
/// <c>acme/dortmund/machining/line4</c>: an edge token of that scope calls from this zone.</param>
/// <param name="Runs">The Rung processes in this zone: <c>server</c>, <c>edge:ID</c> (an edge's <c>--edge-id</c>) or <c>edge:*</c>.</param>
public sealed record ZoneDeclaration(string Name, IReadOnlyList<string> Hosts, IReadOnlyList<string> Scopes, IReadOnlyList<string> Runs);
