namespace Rung.Storage.Edge;

/// <summary>
/// One throw of a stop switch: <see cref="Stopped"/> true halts every AI write in <see cref="Scope"/>, false is the
/// recorded decision to restart. The newest event per scope is in force.
/// </summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="Scope">An agent as <c>agent:ID</c>, or a zone path (a line, a site) covering agents' scopes.</param>
/// <param name="Stopped">True to stop, false to restart.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who or what (a user, <c>alarm:RULE</c>, <c>broker</c>).</param>
/// <param name="Reason">Why; required.</param>
/// <param name="Origin"><c>server</c>, <c>local</c>, <c>broker</c> or <c>alarm</c>.</param>
/// <param name="RemoteId">On an edge, the server's id of a mirrored event; null otherwise.</param>
public sealed record StopEvent(long Id, string Scope, bool Stopped, DateTimeOffset At, string Actor, string Reason, string Origin, long? RemoteId = null)
{
    /// <summary>The scope key of one agent: the same on the server, on an edge and in an alarm's stop.</summary>
    public static string AgentScope(string agentId) => "agent:" + agentId;

    /// <summary>What a case or an action held by this stop records as its reason: who, from where, which scope, why.</summary>
    public string Holding => $"stopped by {Actor} ({Origin}, scope {Scope}): {Reason}";
}
