namespace Rung.Governance.Conduits;

/// <summary>The answer for one flow: allowed by a declared conduit, or refused with the reason to alarm on.</summary>
public sealed record FlowCheck(bool Allowed, string Reason, Conduit? Conduit = null)
{
    /// <summary>The zone the flow came from, when it was resolved (<see cref="PlantConduits"/> fills it in).</summary>
    public string? FromZone { get; init; }

    /// <summary>The zone the flow reached for, when it was resolved.</summary>
    public string? ToZone { get; init; }

    /// <summary>The flow's protocol, when known.</summary>
    public string? Protocol { get; init; }

    /// <summary>The flow's target <c>host:port</c>, when known.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The refusal to alarm on and audit, naming <paramref name="actor"/> (a token, <c>server</c>, <c>edge:ID</c>).</summary>
    public FlowRefusal Refusal(string actor) =>
        new(FromZone ?? "undeclared", ToZone ?? "undeclared", Protocol ?? "?", Endpoint ?? "?", actor, Reason);
}
