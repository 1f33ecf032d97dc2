namespace Rung.Gates.Approval;

/// <summary>An approval of a promotion, as recorded.</summary>
/// <param name="User">Who approved.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Method"><c>recorded</c> for a plain recorded approval, or the signature scheme's name.</param>
/// <param name="Reference">The signature's id when signed electronically, or null.</param>
/// <param name="EvidenceSha256">The snapshot hash approved; must equal the request's.</param>
public sealed record PromotionApprovalRecord(string User, DateTimeOffset At, string Method, string? Reference, string EvidenceSha256);
