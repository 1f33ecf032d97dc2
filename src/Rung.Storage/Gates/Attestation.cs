namespace Rung.Storage.Gates;

/// <summary>A named person's dated statement about an agent.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Subject">What it is about: <c>readiness:ITEM</c>, <c>case:CASE_ID</c> or <c>review:rejections</c>.</param>
/// <param name="AttestedBy">Who states it.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Note">What they state: the explanation, the training record, the review's finding.</param>
public sealed record Attestation(string AgentId, string Subject, string AttestedBy, DateTimeOffset At, string Note);
