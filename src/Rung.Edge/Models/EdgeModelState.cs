namespace Rung.Edge.Models;

/// <summary>What an edge remembers of one agent's models (<c>models/&lt;agent&gt;/state.json</c>).</summary>
/// <param name="Champion">The version the server last named champion, or null.</param>
/// <param name="Versions">Every version fetched and verified, oldest first: the fallbacks, newest first.</param>
public sealed record EdgeModelState(string? Champion, IReadOnlyList<string> Versions)
{
    /// <summary>Versions in the order they are tried: the champion, then the others newest first.</summary>
    public IReadOnlyList<string> Candidates =>
        [.. (Champion is null ? [] : new[] { Champion }).Concat(Versions.Reverse().Where(v => v != Champion))];
}
