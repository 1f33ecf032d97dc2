namespace Rung.Core.Drift;

/// <summary>A sample's numbers (NaN left out) in ascending order, as the two-sample tests need them.</summary>
internal static class SortedSample
{
    /// <summary>
    /// Copies the numbers of <paramref name="values"/> in ascending order. A sample already in order (a reference
    /// profile keeps its sample sorted) is only checked, not sorted again: the monitor tests every feature against
    /// its reference over and over.
    /// </summary>
    /// <exception cref="ArgumentException">The sample has no number.</exception>
    public static double[] Of(IReadOnlyList<double> values, string name)
    {
        var result = new List<double>(values.Count);
        var ordered = true;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            ordered &= result.Count == 0 || result[^1] <= v;
            result.Add(v);
        }

        if (result.Count == 0)
        {
            throw new ArgumentException("The sample has no value that is a number.", name);
        }

        var array = result.ToArray();
        if (!ordered)
        {
            Array.Sort(array);
        }

        return array;
    }
}
