namespace Rung.Storage.Edge;

/// <summary>What a person decided on the server about a case an edge decided.</summary>
public enum EdgeVerdictKind
{
    /// <summary>An approver's verdict on a drafted action (ApproveEach).</summary>
    Approval = 0,

    /// <summary>A person's decision on an exception item.</summary>
    Resolution = 1,
}
