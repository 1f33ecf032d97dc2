namespace Rung.Mqtt.Packets;

/// <summary>
/// Reuses the string of a topic seen before, so a stream of messages on a few topics does not allocate
/// a new topic string per message. Bounded: once full, new topics are allocated but not remembered.
/// Not thread-safe; one per reader.
/// </summary>
internal sealed class TopicStringCache(int capacity = 4096)
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> text)
    {
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var existing))
        {
            return existing;
        }

        var created = new string(text);
        if (_strings.Count < capacity)
        {
            _strings.Add(created);
        }

        return created;
    }
}
