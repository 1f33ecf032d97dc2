namespace Rung.Core.Metrics;

/// <summary>
/// The share of true outcomes over the last <see cref="Window"/> events (exception rate over the last N
/// decisions, accuracy over the last N labelled cases). A ring of flags with an exact count; memory bounded by
/// the window. Not thread-safe.
/// </summary>
public sealed class RollingRate
{
    private readonly bool[] _flags;
    private int _next;

    /// <summary>Creates an empty rate over the last <paramref name="window"/> events.</summary>
    public RollingRate(int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        _flags = new bool[window];
    }

    /// <summary>Events the rate covers when full.</summary>
    public int Window => _flags.Length;

    /// <summary>Events held, up to <see cref="Window"/>.</summary>
    public int Count { get; private set; }

    /// <summary>True events among those held.</summary>
    public int Hits { get; private set; }

    /// <summary>True once <see cref="Window"/> events are held.</summary>
    public bool IsFull => Count == _flags.Length;

    /// <summary>Hits / Count; null when empty.</summary>
    public double? Rate => Count == 0 ? null : Hits / (double)Count;

    /// <summary>Adds one event.</summary>
    public void Add(bool hit)
    {
        if (IsFull && _flags[_next])
        {
            Hits--;
        }
        else if (!IsFull)
        {
            Count++;
        }

        _flags[_next] = hit;
        if (hit)
        {
            Hits++;
        }

        _next = (_next + 1) % _flags.Length;
    }
}
