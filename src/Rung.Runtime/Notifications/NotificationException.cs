namespace Rung.Runtime.Notifications;

/// <summary>
/// A page that could not be delivered. The message names the channel, the endpoint and what failed, for a
/// person reading a log or a report.
/// </summary>
public sealed class NotificationException : Exception
{
    /// <summary>Creates the exception for a channel and an endpoint.</summary>
    public NotificationException(string channel, string endpoint, string message, Exception? innerException = null)
        : base($"Notification channel '{channel}' could not deliver to {endpoint}: {message}", innerException)
    {
        Channel = channel;
        Endpoint = endpoint;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public NotificationException()
        : this("The page could not be delivered.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public NotificationException(string message)
        : base(message)
    {
        Channel = string.Empty;
        Endpoint = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NotificationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Channel = string.Empty;
        Endpoint = string.Empty;
    }

    /// <summary>The channel's name, or empty when not known.</summary>
    public string Channel { get; }

    /// <summary>The endpoint (URL, mail server and address, file), or empty when not known.</summary>
    public string Endpoint { get; }
}
