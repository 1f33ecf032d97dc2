namespace Rung.Server.Security;

/// <summary>The server refused a console action: the person's role or zone does not allow it, or their session is over.</summary>
public sealed class ConsoleDeniedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConsoleDeniedException()
    {
    }

    /// <summary>Creates the exception with the reason a person can act on.</summary>
    public ConsoleDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public ConsoleDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the session ended (idle timeout or sign-out) rather than the role or zone refusing.</summary>
    public bool SessionEnded { get; init; }
}
