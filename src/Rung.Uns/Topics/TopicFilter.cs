namespace Rung.Uns.Topics;

/// <summary>MQTT topic filters: <c>+</c> matches one level, a final <c>#</c> matches the rest. Case-sensitive.</summary>
public static class TopicFilter
{
    /// <summary>True when <paramref name="topic"/> matches <paramref name="filter"/>.</summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        if (filter.Length == 0 || topic.Length == 0)
        {
            return false;
        }

        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }

            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]))
            {
                return false;
            }
        }

        return f.Length == t.Length;
    }

    /// <summary>What is wrong with <paramref name="filter"/> as a topic filter, or null when it is valid.</summary>
    public static string? Check(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Length == 0)
        {
            return "a topic must not be empty";
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1))
            {
                return $"'{filter}': '#' must be a whole level and the last one";
            }

            if (level.Contains('+', StringComparison.Ordinal) && level != "+")
            {
                return $"'{filter}': '+' must be a whole level";
            }
        }

        return null;
    }
}
