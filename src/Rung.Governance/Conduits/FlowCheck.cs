namespace Rung.Governance.Conduits;

/// <summary>The answer for one flow: allowed by a declared conduit, or refused with the reason to alarm on.</summary>
public sealed record FlowCheck(bool Allowed, string Reason, Conduit? Conduit = null);
