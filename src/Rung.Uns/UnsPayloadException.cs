namespace Rung.Uns;

/// <summary>A message that could not be decoded; the message names the topic and what was wrong.</summary>
public sealed class UnsPayloadException : Exception
{
    /// <summary>Creates the error for <paramref name="topic"/>.</summary>
    public UnsPayloadException(string topic, string reason, Exception? inner = null)
        : base($"{topic}: {reason}", inner)
    {
        Topic = topic;
        Reason = reason;
    }

    /// <summary>The topic the message arrived on.</summary>
    public string Topic { get; }

    /// <summary>What was wrong with it.</summary>
    public string Reason { get; }
}
