using System.Text;

namespace Rung.Mqtt.Topics;

/// <summary>
/// Topic name and topic filter rules of MQTT 3.1.1 section 4.7: validation and matching.
/// Pure functions, safe from any thread.
/// </summary>
public static class TopicFilter
{
    /// <summary>Longest topic name or filter in UTF-8 bytes (the 16-bit length prefix).</summary>
    public const int MaxLength = 65_535;

    /// <summary>
    /// Whether <paramref name="topic"/> matches <paramref name="filter"/>. '+' matches exactly one level
    /// (which may be empty), '#' matches the parent level and any number of child levels, and a filter
    /// starting with a wildcard never matches a topic starting with '$'. Both arguments must be valid.
    /// </summary>
    /// <exception cref="ArgumentException">The filter or the topic name is not valid.</exception>
    public static bool Matches(string filter, string topic)
    {
        ValidateFilter(filter);
        ValidateTopicName(topic);
        return MatchesValidated(filter, topic);
    }

    /// <summary>
    /// <see cref="Matches(string, string)"/> without the validation, for hot paths whose inputs were validated once.
    /// </summary>
    public static bool MatchesValidated(ReadOnlySpan<char> filter, ReadOnlySpan<char> topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && (filter[0] == '+' || filter[0] == '#'))
        {
            return false;
        }

        while (true)
        {
            var filterEnd = filter.IndexOf('/');
            var filterLevel = filterEnd < 0 ? filter : filter[..filterEnd];
            if (filterLevel is "#")
            {
                return true;
            }

            var topicEnd = topic.IndexOf('/');
            var topicLevel = topicEnd < 0 ? topic : topic[..topicEnd];
            if (filterLevel is not "+" && !filterLevel.SequenceEqual(topicLevel))
            {
                return false;
            }

            if (topicEnd < 0)
            {
                // The topic is used up: only "/#" may remain, since "sport/#" matches "sport".
                return filterEnd < 0 || filter[(filterEnd + 1)..] is "#";
            }

            if (filterEnd < 0)
            {
                return false;
            }

            filter = filter[(filterEnd + 1)..];
            topic = topic[(topicEnd + 1)..];
        }
    }

    /// <summary>Whether <paramref name="filter"/> is a valid topic filter; <paramref name="error"/> says why not.</summary>
    public static bool IsValidFilter(string? filter, out string? error)
    {
        error = CommonError(filter);
        if (error is not null)
        {
            return false;
        }

        var levels = filter!.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level.Length != 1 || i != levels.Length - 1))
            {
                error = $"'#' must be the whole last level of topic filter '{filter}'";
                return false;
            }

            if (level.Contains('+', StringComparison.Ordinal) && level.Length != 1)
            {
                error = $"'+' must be a whole level of topic filter '{filter}'";
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="topic"/> is a valid topic name for PUBLISH; <paramref name="error"/> says why not.</summary>
    public static bool IsValidTopicName(string? topic, out string? error)
    {
        error = CommonError(topic);
        if (error is null && topic!.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            error = $"topic name '{topic}' contains a wildcard (+ or #), allowed only in filters";
        }

        return error is null;
    }

    /// <summary>Throws unless <paramref name="filter"/> is a valid topic filter.</summary>
    /// <exception cref="ArgumentException">The filter is empty, too long, contains U+0000 or misplaces a wildcard.</exception>
    public static void ValidateFilter(string filter)
    {
        if (!IsValidFilter(filter, out var error))
        {
            throw new ArgumentException(error, nameof(filter));
        }
    }

    /// <summary>Throws unless <paramref name="topic"/> is a valid topic name.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long, contains U+0000 or a wildcard.</exception>
    public static void ValidateTopicName(string topic)
    {
        if (!IsValidTopicName(topic, out var error))
        {
            throw new ArgumentException(error, nameof(topic));
        }
    }

    private static string? CommonError(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "a topic name or filter must be at least one character long";
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return $"topic '{value.Replace("\0", "\\0", StringComparison.Ordinal)}' contains the null character U+0000";
        }

        if (value.Length > MaxLength / 3 && Encoding.UTF8.GetByteCount(value) > MaxLength)
        {
            return $"topic of {Encoding.UTF8.GetByteCount(value)} UTF-8 bytes is longer than {MaxLength}";
        }

        return null;
    }
}
