namespace Rung.Core.UseCases;

/// <summary>
/// An IT context stream (work orders, batches, product codes, maintenance events) joined into each case as it
/// stood at the case's time on the case's line.
/// </summary>
/// <param name="Name">The context's name in the case, for example <c>work_order</c>.</param>
/// <param name="Topic">The topic (wildcards allowed) carrying the JSON events.</param>
public sealed record UnsContextDefinition(string Name, string Topic);
