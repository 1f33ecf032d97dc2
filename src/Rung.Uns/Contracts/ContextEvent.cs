namespace Rung.Uns.Contracts;

/// <summary>One IT context event (a work order started, a batch changed, a maintenance job), as joined into cases.</summary>
/// <param name="Name">The context's name in the contract.</param>
/// <param name="Line">The line it applies to: its <c>line</c> field, or enterprise/site/area/line of its topic.</param>
/// <param name="At">When it took effect.</param>
/// <param name="Fields">Its JSON fields as text.</param>
public sealed record ContextEvent(string Name, string? Line, DateTimeOffset At, IReadOnlyDictionary<string, string> Fields);
