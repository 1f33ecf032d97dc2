namespace Rung.Edge.Models;

/// <summary>What fetching one agent's champion did.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The champion version offered.</param>
/// <param name="Downloaded">True when it was downloaded now; false when the cached copy verified and was kept.</param>
/// <param name="CacheProblems">Problems of a cached copy that failed verification and was set aside (then fetched again); empty otherwise.</param>
/// <param name="Problems">Why the downloaded version was refused; empty when it verified and is cached.</param>
public sealed record EdgeModelFetch(string AgentId, string Version, bool Downloaded, IReadOnlyList<string> CacheProblems, IReadOnlyList<string> Problems)
{
    /// <summary>True when the version is cached and verified.</summary>
    public bool Passed => Problems.Count == 0;
}
