namespace Rung.Gates.Approval;

/// <summary>A plain recorded approval: the named user and the time, no signature. Only the named approver may approve.</summary>
/// <param name="approver">The one user allowed to approve (the use case's owner).</param>
/// <param name="time">Stamps the approval.</param>
public sealed class RecordedPromotionApproval(string approver, TimeProvider time) : IPromotionApproval
{
    /// <summary>The method name stored with the approval.</summary>
    public const string Method = "recorded";

    /// <inheritdoc />
    public Task<PromotionApprovalRecord> ApproveAsync(PromotionRequest request, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        cancellationToken.ThrowIfCancellationRequested();
        if (!string.Equals(user, approver, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException($"Only the owner {approver} may approve the promotion of {request.AgentId} from {request.From} to {request.To}; '{user}' asked.");
        }

        return Task.FromResult(new PromotionApprovalRecord(user, time.GetUtcNow(), Method, null, request.EvidenceSha256));
    }
}
