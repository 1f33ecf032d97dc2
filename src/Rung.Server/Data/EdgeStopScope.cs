namespace Rung.Server.Data;

/// <summary>A scope a stop switch can be thrown on from an edge's row.</summary>
/// <param name="Scope">What the stop event names: <c>agent:ID</c> or a zone path.</param>
/// <param name="Kind">What it is, for the label: <c>agent</c>, <c>zone</c>, <c>line</c> or <c>site</c>.</param>
/// <param name="Stopped">True when a stop is in force on exactly this scope now.</param>
public sealed record EdgeStopScope(string Scope, string Kind, bool Stopped)
{
    /// <summary>How the scope reads in the page's list.</summary>
    public string Label => (Kind == "agent" ? $"agent {Scope["agent:".Length..]}" : $"{Kind} {Scope}") + (Stopped ? " (stopped)" : string.Empty);
}
