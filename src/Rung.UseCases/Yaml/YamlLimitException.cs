namespace Rung.UseCases.Yaml;

/// <summary>Stops building the tree once a limit was hit and reported; the rest of the text is not worth reading.</summary>
internal sealed class YamlLimitException : Exception
{
    public YamlLimitException()
    {
    }

    public YamlLimitException(string message)
        : base(message)
    {
    }

    public YamlLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
