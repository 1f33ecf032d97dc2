using System.Text;

namespace Rung.Models.JsonLines;

/// <summary>
/// Keeps the last few lines a child wrote to stderr, each cut to a bounded length, so a crash message can
/// quote the traceback without the host holding an unbounded log.
/// </summary>
internal sealed class StderrTail(int maxLines = 20, int maxLineChars = 400)
{
    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _current = new();
    private readonly Lock _gate = new();

    /// <summary>Reads the stream to its end. Never throws: a broken pipe just ends the tail.</summary>
    public async Task PumpAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var chunk = new char[1024];
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(chunk.AsMemory(), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                Append(chunk.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The child is gone or being killed; what was read so far is what there is.
        }

        lock (_gate)
        {
            EndLine();
        }
    }

    /// <summary>The captured lines, oldest first, joined with " | ", or "(nothing on stderr)".</summary>
    public string Snapshot()
    {
        lock (_gate)
        {
            var lines = new List<string>(_lines);
            if (_current.Length > 0)
            {
                lines.Add(_current.ToString());
            }

            return lines.Count == 0 ? "(nothing on stderr)" : string.Join(" | ", lines);
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    EndLine();
                }
                else if (c != '\r' && _current.Length < maxLineChars)
                {
                    _current.Append(c);
                }
            }
        }
    }

    private void EndLine()
    {
        if (_current.Length == 0)
        {
            return;
        }

        _lines.Enqueue(_current.ToString());
        _current.Clear();
        while (_lines.Count > maxLines)
        {
            _lines.Dequeue();
        }
    }
}
