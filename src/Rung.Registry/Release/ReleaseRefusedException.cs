namespace Rung.Registry;

/// <summary>A release or rollback was refused; <see cref="Reasons"/> says every reason.</summary>
public sealed class ReleaseRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReleaseRefusedException(string agentId, string version, IReadOnlyList<string> reasons)
        : base($"{agentId}/{version} cannot be released: {string.Join("; ", reasons)}")
    {
        Reasons = reasons;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ReleaseRefusedException(string message)
        : base(message)
    {
        Reasons = [message];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ReleaseRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reasons = [message];
    }

    /// <summary>Creates the exception.</summary>
    public ReleaseRefusedException()
        : this("The release was refused.")
    {
    }

    /// <summary>Why.</summary>
    public IReadOnlyList<string> Reasons { get; }
}
