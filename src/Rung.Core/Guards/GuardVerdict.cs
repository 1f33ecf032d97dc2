namespace Rung.Core.Guards;

/// <summary>A guard's answer for one proposed action.</summary>
/// <param name="Allowed">False when any rule refused the action.</param>
/// <param name="Rule">The refusing rule's name, for example <c>range:feed_override</c>; null when allowed.</param>
/// <param name="Detail">What was refused and why, for a person; null when allowed.</param>
public sealed record GuardVerdict(bool Allowed, string? Rule = null, string? Detail = null)
{
    /// <summary>The verdict for an action every rule allows.</summary>
    public static GuardVerdict Allow { get; } = new(true);

    /// <summary>A refusal naming its rule.</summary>
    public static GuardVerdict Block(string rule, string detail) => new(false, rule, detail);
}
