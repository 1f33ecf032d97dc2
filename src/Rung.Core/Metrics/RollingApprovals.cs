namespace Rung.Core.Metrics;

/// <summary>
/// Approve rate and rejection reasons over the last N verdicts of approvers. Memory is bounded by N (at most N
/// distinct reasons are held). Not thread-safe.
/// </summary>
public sealed class RollingApprovals
{
    /// <summary>The reason counted for a rejection given without one.</summary>
    public const string UnstatedReason = "(none given)";

    private readonly string?[] _reasons;
    private readonly Dictionary<string, int> _reasonCounts = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>Creates an empty tracker over the last <paramref name="window"/> verdicts (default 100).</summary>
    public RollingApprovals(int window = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        _reasons = new string?[window];
    }

    /// <summary>Verdicts held, up to the window.</summary>
    public int Count { get; private set; }

    /// <summary>Approvals among the verdicts held.</summary>
    public int Approved { get; private set; }

    /// <summary>Approved / Count; null when empty.</summary>
    public double? ApproveRate => Count == 0 ? null : Approved / (double)Count;

    /// <summary>Rejections per reason among the verdicts held.</summary>
    public IReadOnlyDictionary<string, int> RejectionReasons => _reasonCounts;

    /// <summary>Adds an approval.</summary>
    public void Approve() => Add(null);

    /// <summary>Adds a rejection with its reason (null or empty: <see cref="UnstatedReason"/>).</summary>
    public void Reject(string? reason) => Add(string.IsNullOrWhiteSpace(reason) ? UnstatedReason : reason);

    private void Add(string? rejectionReason)
    {
        if (Count == _reasons.Length)
        {
            var old = _reasons[_next];
            if (old is null)
            {
                Approved--;
            }
            else if (--_reasonCounts[old] == 0)
            {
                _reasonCounts.Remove(old);
            }
        }
        else
        {
            Count++;
        }

        _reasons[_next] = rejectionReason;
        if (rejectionReason is null)
        {
            Approved++;
        }
        else
        {
            _reasonCounts[rejectionReason] = _reasonCounts.GetValueOrDefault(rejectionReason) + 1;
        }

        _next = (_next + 1) % _reasons.Length;
    }
}
