namespace Rung.Gates.Approval;

/// <summary>
/// Obtains a named person's approval of a promotion. The plain implementation records who approved and when
/// (<see cref="RecordedPromotionApproval"/>); an electronic signature service implements the same interface to
/// bind the approval to the evidence hash with a signature.
/// </summary>
public interface IPromotionApproval
{
    /// <summary>
    /// Records <paramref name="user"/>'s approval of <paramref name="request"/>. Throws
    /// <see cref="UnauthorizedAccessException"/> when the user may not approve it.
    /// </summary>
    Task<PromotionApprovalRecord> ApproveAsync(PromotionRequest request, string user, CancellationToken cancellationToken = default);
}
