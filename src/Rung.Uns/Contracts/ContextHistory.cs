namespace Rung.Uns.Contracts;

/// <summary>Recent context events per (name, line), in time order, for as-of joins. Keeps the newest <see cref="Limit"/> per key.</summary>
internal sealed class ContextHistory
{
    public const int Limit = 1_000;

    private readonly Dictionary<(string Name, string? Line), List<ContextEvent>> events = [];

    public void Add(ContextEvent e)
    {
        if (!events.TryGetValue((e.Name, e.Line), out var list))
        {
            list = [];
            events[(e.Name, e.Line)] = list;
        }

        // Late events are inserted in time order, so an as-of join sees them; equal times keep arrival order.
        var index = list.FindLastIndex(x => x.At <= e.At) + 1;
        list.Insert(index, e);
        if (list.Count > Limit)
        {
            list.RemoveAt(0);
        }
    }

    /// <summary>The latest event at or before <paramref name="at"/> on <paramref name="line"/>, or null.</summary>
    public ContextEvent? AsOf(string name, string? line, DateTimeOffset at) =>
        events.TryGetValue((name, line), out var list) ? list.LastOrDefault(e => e.At <= at) : null;
}
