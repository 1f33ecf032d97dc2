using System.Runtime.CompilerServices;
using System.Text;

namespace Rung.Runtime.Ingest;

/// <summary>
/// The lines of a case file with their 1-based numbers, refusing a line that is too long or is not text. Both
/// formats read through here so a line number in an error is always the line an editor shows.
/// </summary>
internal static class CaseFileLines
{
    /// <param name="path">The file.</param>
    /// <param name="maxLength">The longest accepted line.</param>
    /// <param name="reject">When given, a bad line is handed to it and skipped instead of thrown.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public static async IAsyncEnumerable<(long Line, string Text)> ReadAsync(string path, int maxLength, Action<CaseFileException>? reject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            if (text.Length > maxLength)
            {
                var tooLong = new CaseFileException(path, line, null, $"line longer than {maxLength} characters");
                Reject(tooLong, reject);
                continue;
            }

            // Bytes that are not UTF-8 decode to U+FFFD, which a real export does not contain; checking the decoded
            // line (rather than letting the decoder throw) keeps the line number exact.
            if (text.AsSpan().IndexOfAny('\0', '\uFFFD') >= 0)
            {
                var notText = new CaseFileException(path, line, null, "not a text file: the line holds a NUL byte or bytes that are not UTF-8; save the history as UTF-8 CSV or JSON lines");
                Reject(notText, reject);
                continue;
            }

            yield return (line, text);
        }
    }

    private static void Reject(CaseFileException problem, Action<CaseFileException>? reject)
    {
        if (reject is null)
        {
            throw problem;
        }

        reject(problem);
    }
}
