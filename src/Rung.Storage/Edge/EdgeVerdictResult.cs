using Rung.Core.Exceptions;

namespace Rung.Storage.Edge;

/// <summary>What an edge did with a verdict from the server; the server keeps one per case and kind.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Kind">The verdict's kind.</param>
/// <param name="EdgeId">The edge that applied it.</param>
/// <param name="AppliedAt">The edge's clock when it applied it.</param>
/// <param name="DeliveredAt">For an approved action: when the edge delivered (or settled) it; otherwise null.</param>
/// <param name="ActionException">For an approved action the edge did not send (its validity window had passed, a stop switch held it): the exception item it became.</param>
/// <param name="Problem">Why the edge could not apply the verdict (it does not know the case, the case is not a draft there); null when applied.</param>
public sealed record EdgeVerdictResult(string CaseId, EdgeVerdictKind Kind, string EdgeId, DateTimeOffset AppliedAt, DateTimeOffset? DeliveredAt, ExceptionItem? ActionException, string? Problem);
