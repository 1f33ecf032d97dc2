namespace Rung.Models.JsonLines;

/// <summary>
/// Reads '\n'-terminated lines of bytes from a stream with a hard cap on line length, so a runaway
/// child cannot make the host buffer without bound.
/// </summary>
internal sealed class LineReader(Stream stream, int maxLineBytes)
{
    private byte[] _buffer = new byte[Math.Min(4096, maxLineBytes + 1)];
    private int _start;
    private int _end;

    /// <summary>
    /// The next line without its terminator (and without a trailing '\r'), or null at end of stream.
    /// The memory is valid until the next call. Throws <see cref="LineTooLongException"/> past the cap.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > maxLineBytes)
                {
                    throw new LineTooLongException(maxLineBytes);
                }

                if (length > 0 && _buffer[newline - 1] == (byte)'\r')
                {
                    length--;
                }

                var line = new ReadOnlyMemory<byte>(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }

            if (_end - _start > maxLineBytes)
            {
                throw new LineTooLongException(maxLineBytes);
            }

            MakeRoom();
            scanFrom = _end;
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    private void MakeRoom()
    {
        if (_end < _buffer.Length)
        {
            return;
        }

        var pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }
        else
        {
            // pending <= maxLineBytes here, so the cap leaves room for at least one more byte.
            var larger = new byte[(int)Math.Min((long)_buffer.Length * 2, maxLineBytes + 1L)];
            Buffer.BlockCopy(_buffer, 0, larger, 0, pending);
            _buffer = larger;
        }

        _start = 0;
        _end = pending;
    }
}
