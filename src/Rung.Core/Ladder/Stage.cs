namespace Rung.Core.Ladder;

/// <summary>
/// The rungs of the trust ladder, lowest first, and the two states beside it.
/// Names print as they are written here (Shadow, ApproveEach, ...).
/// </summary>
public enum Stage
{
    /// <summary>Runs on live volume, takes no action; the humans' own actions are the labels.</summary>
    Shadow = 0,

    /// <summary>Drafts each action; a person approves or rejects it before anything is committed.</summary>
    ApproveEach = 1,

    /// <summary>Commits confident, in-distribution, guard-passing cases; routes the rest to people.</summary>
    AutoWithExceptions = 2,

    /// <summary>A normal process with an SLO, a dashboard and a named owner; decides like AutoWithExceptions.</summary>
    ProductionOwned = 3,

    /// <summary>Beside the ladder: decisions are recorded but nothing is drafted or committed.</summary>
    Paused = 10,

    /// <summary>Beside the ladder: the agent accepts no more cases.</summary>
    Retired = 11,
}
