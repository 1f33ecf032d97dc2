using Rung.Core.Exceptions;
using Rung.Storage.Journal;

namespace Rung.Storage.Edge;

/// <summary>One journalled decision as an edge forwards it.</summary>
/// <param name="Sequence">The journal's own order: increases with every append, never reused.</param>
/// <param name="Record">The decision; its exception item only when the decision routed it to people.</param>
/// <param name="DeliveredAt">When its committed action was delivered; null when none, not yet, or never (it has an <paramref name="ActionException"/>).</param>
/// <param name="ActionException">The exception item of a committed case whose action was never delivered (expired, stopped); otherwise null.</param>
public sealed record JournalEntry(long Sequence, DecisionRecord Record, DateTimeOffset? DeliveredAt, ExceptionItem? ActionException);
