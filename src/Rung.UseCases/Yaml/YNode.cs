namespace Rung.UseCases.Yaml;

/// <summary>
/// A node of the parsed document with the position it starts at. Aliases share the anchored node,
/// so <see cref="Size"/> counts nodes as if every alias were expanded.
/// </summary>
internal abstract class YNode(Position start)
{
    public Position Start { get; } = start;

    /// <summary>Nodes in this subtree with aliases expanded, this node included.</summary>
    public abstract long Size { get; }

    /// <summary>Collection levels in this subtree: 0 for a scalar.</summary>
    public abstract int Height { get; }

    /// <summary>How the node is named in messages: "a mapping", "a list", "the string 'x'".</summary>
    public abstract string Describe();
}
