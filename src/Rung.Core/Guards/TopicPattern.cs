namespace Rung.Core.Guards;

/// <summary>
/// A topic pattern with MQTT's wildcards: <c>+</c> matches exactly one level, <c>#</c> as the last level
/// matches that level's parent and everything below it.
/// </summary>
public sealed class TopicPattern
{
    private readonly string[] _levels;

    private TopicPattern(string text, string[] levels)
    {
        Text = text;
        _levels = levels;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Parses a pattern; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static TopicPattern Parse(string text)
    {
        if (!TryParse(text, out var pattern, out var error))
        {
            throw new FormatException(error);
        }

        return pattern;
    }

    /// <summary>Parses a pattern, or says why it is not one.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TopicPattern? pattern, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        pattern = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a topic pattern must not be empty";
            return false;
        }

        var levels = text.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level.Length != 1 || i != levels.Length - 1))
            {
                error = $"'#' must be a whole level and the last one in '{text}'";
                return false;
            }

            if (level.Contains('+', StringComparison.Ordinal) && level.Length != 1)
            {
                error = $"'+' must be a whole level in '{text}'";
                return false;
            }
        }

        pattern = new TopicPattern(text, levels);
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="topic"/> matches the pattern.</summary>
    public bool Matches(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var levels = topic.Split('/');
        for (var i = 0; i < _levels.Length; i++)
        {
            if (_levels[i] == "#")
            {
                return true;
            }

            if (i >= levels.Length)
            {
                return false;
            }

            if (_levels[i] != "+" && !string.Equals(_levels[i], levels[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return levels.Length == _levels.Length;
    }
}
