using System.Runtime.CompilerServices;
using System.Text;

namespace Rung.Runtime.Ingest;

/// <summary>
/// The lines of a case file with their 1-based numbers, refusing a line that is too long or is not text. Both
/// formats read through here so a line number in an error is always the line an editor shows.
/// </summary>
internal static class CaseFileLines
{
    public static async IAsyncEnumerable<(long Line, string Text)> ReadAsync(string path, int maxLength, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            if (text.Length > maxLength)
            {
                throw new CaseFileException(path, line, null, $"line longer than {maxLength} characters");
            }

            // Bytes that are not UTF-8 decode to U+FFFD, which a real export does not contain; checking the decoded
            // line (rather than letting the decoder throw) keeps the line number exact.
            if (text.AsSpan().IndexOfAny('\0', '\uFFFD') >= 0)
            {
                throw new CaseFileException(path, line, null, "not a text file: the line holds a NUL byte or bytes that are not UTF-8; save the history as UTF-8 CSV or JSON lines");
            }

            yield return (line, text);
        }
    }
}
