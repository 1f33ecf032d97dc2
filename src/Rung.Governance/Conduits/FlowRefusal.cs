namespace Rung.Governance.Conduits;

/// <summary>A connection that was refused because no conduit declares it: what to alarm on and audit.</summary>
/// <param name="FromZone">The zone the connection came from (or <c>undeclared</c>).</param>
/// <param name="ToZone">The zone it reached for (or <c>undeclared</c>).</param>
/// <param name="Protocol">The protocol (<c>https</c>, <c>mqtt</c>, ...).</param>
/// <param name="Endpoint">The target <c>host:port</c>.</param>
/// <param name="Actor">Who asked: a token id (<c>token:ID</c>), <c>server</c> or <c>edge:ID</c>.</param>
/// <param name="Reason">Why it was refused, naming the flow.</param>
public sealed record FlowRefusal(string FromZone, string ToZone, string Protocol, string Endpoint, string Actor, string Reason)
{
    /// <summary>The flow, as one alarm key: one alarm per flow, however often it is tried.</summary>
    public string Key => $"{FromZone}->{ToZone}:{Protocol.ToLowerInvariant()}:{Endpoint.ToLowerInvariant()}";
}
