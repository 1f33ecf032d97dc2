namespace Rung.Core.Drift;

/// <summary>
/// One row of ADWIN's exponential histogram: up to M + 1 buckets that each summarise 2^row values by their total
/// and their variance sum. Index 0 is the oldest bucket of the row.
/// </summary>
internal sealed class AdwinBucketRow(int maxBuckets)
{
    private readonly double[] _totals = new double[maxBuckets + 1];
    private readonly double[] _variances = new double[maxBuckets + 1];

    public int Count { get; private set; }

    public double Total(int index) => _totals[index];

    public double Variance(int index) => _variances[index];

    public void Append(double total, double variance)
    {
        _totals[Count] = total;
        _variances[Count] = variance;
        Count++;
    }

    public void RemoveOldest(int how)
    {
        Array.Copy(_totals, how, _totals, 0, Count - how);
        Array.Copy(_variances, how, _variances, 0, Count - how);
        Count -= how;
    }
}
