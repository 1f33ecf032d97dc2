namespace Rung.Governance.Conduits;

/// <summary>The conduit declaration file is not valid; the message names the file and what is wrong where.</summary>
public sealed class ConduitFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConduitFileException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public ConduitFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ConduitFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
