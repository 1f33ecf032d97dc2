namespace Rung.Models.JsonLines;

/// <summary>A line went past the reader's cap without a terminator.</summary>
internal sealed class LineTooLongException(int maxLineBytes)
    : Exception($"The answer line is longer than the limit of {maxLineBytes} bytes.")
{
    public int MaxLineBytes { get; } = maxLineBytes;
}
