using Rung.Core.Approvals;
using Rung.Core.Ladder;
using static Rung.Gates.Evaluation.Text;

namespace Rung.Gates.Evaluation;

/// <summary>ApproveEach to AutoWithExceptions: approve rate over volume, rejection reasons reviewed, paging tested.</summary>
internal static class ApproveEachGate
{
    /// <summary>The attestation subject of a review of rejection reasons.</summary>
    public const string RejectionReview = "review:rejections";

    public static IReadOnlyList<CriterionResult> Evaluate(GateThresholds t, GateEvidence e, string owner)
    {
        var verdicts = e.Approvals.Where(a => a.Stage == Stage.ApproveEach && a.At >= e.StageSince).ToList();
        var approved = verdicts.Count(a => a.Verdict == Verdict.Approved);
        var rate = verdicts.Count == 0 ? 0 : (double)approved / verdicts.Count;
        var rejections = verdicts.Where(a => a.Verdict == Verdict.Rejected).ToList();
        var reasons = rejections.GroupBy(r => string.IsNullOrWhiteSpace(r.Reason) ? "(no reason given)" : r.Reason!.Trim(), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var lastRejection = rejections.Count == 0 ? (DateTimeOffset?)null : rejections.Max(r => r.At);
        var review = e.Attestations.LastOrDefault(a => a.Subject == RejectionReview);
        var reviewed = lastRejection is null || (review is not null && review.At >= lastRejection);
        var testPage = TestPage.LatestAcknowledged(e.Alarms);

        return
        [
            new("approve.rate", "Approve rate over minimum volume", verdicts.Count >= t.ApproveMinVolume && verdicts.Count > 0 && rate >= t.ApproveMinRate,
                F($"{Pct(rate)} approved over {verdicts.Count} verdicts; {Pct(t.ApproveMinRate)} over at least {t.ApproveMinVolume} required"), Stage.ApproveEach,
                [Line("approved", $"{approved}"), Line("verdicts", $"{verdicts.Count}"), Line("approve_rate", $"{rate:0.0000}"), Line("threshold", $"{t.ApproveMinRate:0.0000}"), Line("min_volume", $"{t.ApproveMinVolume}")], []),
            new("approve.rejections_reviewed", "Rejection reasons reviewed", reviewed,
                lastRejection is null ? "no rejections to review"
                    : review is null ? F($"{rejections.Count} rejections, never reviewed (rung gate attest --item rejections)")
                    : F($"{rejections.Count} rejections; reviewed by {review.AttestedBy} on {review.At:yyyy-MM-dd}{(reviewed ? "" : ", before the latest rejection")}"),
                Stage.ApproveEach,
                [.. reasons.Take(10).Select(g => Line(g.Key, $"{g.Count()}")), .. review is null ? Array.Empty<EvidenceLine>() : [Line("review", $"{review.AttestedBy} {review.At:yyyy-MM-dd HH:mm}Z: {review.Note}")]], []),
            new("approve.monitoring", "Monitoring and alarms wired and tested", testPage is not null && owner.Length > 0,
                testPage is { } p ? F($"test page {p.Id} to {p.Owner} acknowledged by {p.AcknowledgedBy} at {p.AcknowledgedAt:yyyy-MM-dd HH:mm}Z") : "no test page was acknowledged (rung alarms test-page, then rung alarms ack)",
                Stage.ApproveEach,
                [Line("owner", $"{owner}"), Line("test_pages", $"{e.Alarms.Count(a => a.Rule == TestPage.Rule)}"), Line("alarms_acknowledged", $"{e.Alarms.Count(a => a.AcknowledgedAt is not null)}")], []),
        ];
    }
}
