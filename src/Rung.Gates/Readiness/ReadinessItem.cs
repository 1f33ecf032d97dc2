namespace Rung.Gates.Readiness;

/// <summary>One item of the readiness checklist.</summary>
/// <param name="Id">Stable id, also the attestation subject's suffix (<c>readiness:ID</c>).</param>
/// <param name="Name">A title for people.</param>
/// <param name="Met">Whether it is in place.</param>
/// <param name="Source"><c>system</c> when derived from the system's state, <c>attested</c> when a named person attested it, <c>missing</c> otherwise.</param>
/// <param name="Detail">The state it was derived from, or who attested what and when.</param>
public sealed record ReadinessItem(string Id, string Name, bool Met, string Source, string Detail);
