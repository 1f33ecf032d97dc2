namespace Rung.Core.Drift;

/// <summary>
/// The last <see cref="Capacity"/> items (rows of a feature window, for instance) in a fixed ring buffer: adding
/// to a full window drops the oldest. Memory is bounded by the capacity. Not thread-safe.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class SlidingWindow<T>
{
    private readonly T[] _items;
    private int _next;

    /// <summary>Creates an empty window holding at most <paramref name="capacity"/> items.</summary>
    public SlidingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _items = new T[capacity];
    }

    /// <summary>The most items the window holds.</summary>
    public int Capacity => _items.Length;

    /// <summary>Items held, up to <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    /// <summary>True once the window holds <see cref="Capacity"/> items.</summary>
    public bool IsFull => Count == _items.Length;

    /// <summary>The item at <paramref name="index"/>, 0 being the oldest held.</summary>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _items[(Start + index) % _items.Length];
        }
    }

    private int Start => IsFull ? _next : 0;

    /// <summary>Adds an item; returns the item dropped to make room, if the window was full.</summary>
    public bool Add(T item, out T? dropped)
    {
        var full = IsFull;
        dropped = full ? _items[_next] : default;
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        if (!full)
        {
            Count++;
        }

        return full;
    }

    /// <summary>Adds an item, dropping the oldest when full.</summary>
    public void Add(T item) => Add(item, out _);

    /// <summary>A copy of the items, oldest first.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        var copy = new T[Count];
        for (var i = 0; i < Count; i++)
        {
            copy[i] = this[i];
        }

        return copy;
    }

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        Array.Clear(_items);
        _next = 0;
        Count = 0;
    }
}
